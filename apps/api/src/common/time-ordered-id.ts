import { randomFillSync } from 'node:crypto';

let lastMs = 0;
let counter = 0;

// One call into the CSPRNG per 256 ids rather than two per id.
const pool = Buffer.allocUnsafe(16 * 256);
let poolOffset = pool.length;

function randomBlock(size: number): Buffer {
  if (poolOffset + size > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const block = Buffer.allocUnsafe(size);
  pool.copy(block, 0, poolOffset, poolOffset + size);
  poolOffset += size;
  return block;
}

/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then a counter that keeps ids made in the same
 * millisecond in the order they were made, then random bits. Rows sort by creation when ordered by id,
 * and MySQL's clustered index grows at its end instead of splitting pages at random.
 */
export function timeOrderedId(now: number = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    counter = randomBlock(2).readUInt16BE(0) & 0x3ff; // start low in the 12-bit space, leaving room to count
  } else if (++counter > 0xfff) {
    lastMs += 1; // more than ~3000 ids in one millisecond: borrow the next one
    counter = 0;
  }
  const bytes = randomBlock(16);
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | ((bytes[8] as number) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
