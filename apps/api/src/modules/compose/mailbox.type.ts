import { Field, ObjectType } from 'type-graphql';
import { formatAddress } from '@maestro/settings-schema';
import type { Mailbox } from '@maestro/mail-core';

@ObjectType({ description: 'A name and an address.' })
export class MailboxType {
  @Field() name!: string;
  @Field() address!: string;
  @Field({ description: 'As shown and sent: "Name" <address>.' }) formatted!: string;
}

export function presentMailbox(mailbox: Mailbox): MailboxType {
  return { name: mailbox.name, address: mailbox.address, formatted: formatAddress(mailbox) };
}
