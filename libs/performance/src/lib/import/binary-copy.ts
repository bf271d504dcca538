import type { ColumnType, Value } from '../ingest/ingest-rules';

/** The signature, flags and header extension length that open every binary COPY stream. */
const HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
/** 2000-01-01T00:00:00Z, PostgreSQL's timestamp epoch, in Unix milliseconds. */
const POSTGRES_EPOCH_MS = 946_684_800_000;
const BLOCK = 1 << 20;
const TWO_TO_32 = 2 ** 32;
/** Milliseconds whose microseconds a double holds exactly (up to 2^53). */
const EXACT_MS = Math.floor(Number.MAX_SAFE_INTEGER / 1000);

/**
 * Staging rows in PostgreSQL's binary COPY format (`COPY … FROM STDIN (FORMAT binary)`): each value is
 * written as the server stores it (a timestamp as microseconds since 2000, a uuid as 16 bytes), so
 * nothing is formatted as text here or parsed there. Every row starts with the tenant id, the import id
 * and the row's line number; its values follow in the order and types of `types`. An empty text is
 * written as NULL, as the rules read it.
 */
export class BinaryCopyRows {
  private readonly blocks: Buffer[] = [HEADER];
  private block = Buffer.allocUnsafe(BLOCK);
  private at = 0;
  /** The bytes of uuids seen in this stream (agents and teams repeat on most rows). */
  private readonly uuids = new Map<string, Buffer>();

  constructor(private readonly types: readonly ColumnType[]) {}

  /** One row: the two ids (16 bytes each, from uuidBytes), the line number, then its values. */
  add(tenantId: Buffer, importId: Buffer, idx: number, values: readonly Value[]): void {
    this.room(2 + 2 * 20 + 12);
    this.at = this.block.writeInt16BE(3 + this.types.length, this.at);
    this.bytes(tenantId);
    this.bytes(importId);
    this.int64(idx);
    for (let c = 0; c < this.types.length; c++) this.value(values[c], this.types[c]!);
  }

  /** The stream's bytes so far and its trailer; the writer is not used after. */
  finish(): Buffer[] {
    this.room(2);
    this.at = this.block.writeInt16BE(-1, this.at);
    this.blocks.push(this.block.subarray(0, this.at));
    return this.blocks;
  }

  private value(v: Value | undefined, type: ColumnType): void {
    if (v === null || v === undefined || v === '') {
      this.room(4);
      this.at = this.block.writeInt32BE(-1, this.at);
      return;
    }
    switch (type) {
      case 'text': {
        const text = v as string;
        this.room(4 + 3 * text.length);
        const length = this.block.write(text, this.at + 4, 'utf8');
        this.block.writeInt32BE(length, this.at);
        this.at += 4 + length;
        return;
      }
      case 'uuid': {
        let bytes = this.uuids.get(v as string);
        if (!bytes) this.uuids.set(v as string, (bytes = uuidBytes(v as string)));
        return this.bytes(bytes);
      }
      case 'timestamptz': {
        // Microseconds since 2000: exact as a double within about 285 years of 2000, beyond by BigInt arithmetic.
        const ms = (v as number) - POSTGRES_EPOCH_MS;
        if (Math.abs(ms) <= EXACT_MS) return this.int64(ms * 1000);
        this.room(12);
        this.at = this.block.writeInt32BE(8, this.at);
        this.at = this.block.writeBigInt64BE(BigInt(ms) * 1000n, this.at);
        return;
      }
      case 'bigint':
        return this.int64(v as number);
      case 'integer':
        this.room(8);
        this.at = this.block.writeInt32BE(4, this.at);
        this.at = this.block.writeInt32BE(v as number, this.at);
        return;
      case 'smallint':
        this.room(6);
        this.at = this.block.writeInt32BE(2, this.at);
        this.at = this.block.writeInt16BE(v as number, this.at);
        return;
      case 'boolean':
        this.room(5);
        this.at = this.block.writeInt32BE(1, this.at);
        this.at = this.block.writeUInt8(v ? 1 : 0, this.at);
        return;
    }
  }

  /** A whole number (a safe integer) as a signed 64-bit big-endian value, without a BigInt per value. */
  private int64(n: number): void {
    this.room(12);
    const high = Math.floor(n / TWO_TO_32);
    this.at = this.block.writeInt32BE(8, this.at);
    this.at = this.block.writeInt32BE(high, this.at);
    this.at = this.block.writeUInt32BE(n - high * TWO_TO_32, this.at);
  }

  private bytes(value: Buffer): void {
    this.room(4 + value.length);
    this.at = this.block.writeInt32BE(value.length, this.at);
    this.at += value.copy(this.block, this.at);
  }

  private room(bytes: number): void {
    if (this.at + bytes <= this.block.length) return;
    this.blocks.push(this.block.subarray(0, this.at));
    this.block = Buffer.allocUnsafe(Math.max(BLOCK, bytes));
    this.at = 0;
  }
}

/** A uuid in the canonical text form the rules give (8-4-4-4-12 hex digits) as its 16 bytes. */
export function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}
