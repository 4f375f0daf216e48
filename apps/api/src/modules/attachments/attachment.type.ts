import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType()
export class AttachmentType {
  @Field(() => ID) id!: string;
  @Field() filename!: string;
  @Field(() => Int) size!: number;
  @Field() contentType!: string;
  @Field() sha256!: string;
  @Field({ description: 'GET it with the same Authorization header (Näytä liitteet).' }) url!: string;
}
