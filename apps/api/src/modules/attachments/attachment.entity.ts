import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An uploaded file. Its bytes live in attachment_chunk rows, so no upload is ever one huge value. */
@Entity('attachment')
@Index(['companyId', 'createdAt'])
export class AttachmentEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { length: 36 })
  companyId!: string;

  @Column('varchar', { length: 36, nullable: true })
  uploadedByUserId!: string | null;

  @Column('varchar', { length: 255 })
  filename!: string;

  /** The type found from the file's own bytes (see sniffContentType); the client's word is not taken. */
  @Column('varchar', { length: 127 })
  contentType!: string;

  /**
   * True only for an inert type recognised from the bytes (PDF, raster images, plain text): such a
   * file may open in the browser. Anything else is always served as a download.
   */
  @Column('boolean', { default: false })
  inline!: boolean;

  @Column('int', { default: 0 })
  size!: number;

  @Column('varchar', { length: 64, default: '' })
  sha256!: string;

  /** False while the upload streams in; an incomplete upload is never sent and is cleaned away. */
  @Column('boolean', { default: false })
  complete!: boolean;

  @Column('datetime', { precision: 3 })
  createdAt!: Date;
}

@Entity('attachment_chunk')
export class AttachmentChunkEntity {
  @PrimaryColumn('varchar', { length: 36 })
  attachmentId!: string;

  @PrimaryColumn('int')
  seq!: number;

  /** At most CHUNK_BYTES, which fits MySQL's BLOB (64 KB) and SQLite's alike. */
  @Column('blob')
  data!: Buffer;
}

/** Which attachments a message carries, in order. */
@Entity('message_attachment')
export class MessageAttachmentEntity {
  @PrimaryColumn('varchar', { length: 36 })
  messageId!: string;

  @PrimaryColumn('int')
  position!: number;

  @Index()
  @Column('varchar', { length: 36 })
  attachmentId!: string;
}
