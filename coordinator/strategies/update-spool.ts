/**
 * A round's updates, for strategies that need all of them at once: the first ones are held in memory while they fit
 * in a byte budget, the rest are written to a spill file as flattened float32 (the layout's tensors in order, one
 * update after another). Any range of an update's flattened coordinates can be read back into a caller's buffer, so
 * that a strategy combines the updates block by block and the coordinator's memory stays O(budget + adapter).
 * The spill file is opened only for the duration of a write, and for reading until `close`, which deletes it.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, constants, mkdirSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { assertSameLayout, type AdapterWeights } from '../../shared/lora/adapter.js';

const FLOAT_BYTES = Float32Array.BYTES_PER_ELEMENT;

/** Where a tensor's coordinates lie among the adapter's flattened coordinates: [start, end). */
interface TensorSpan {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

function bytesOf(values: Float32Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

export class UpdateSpool {
  private readonly spans: TensorSpan[] = [];
  private readonly coordinateCount: number;
  private readonly updateBytes: number;
  /** Each update: held in memory (the caller's, not a copy), or the byte offset of its coordinates in the spill file. */
  private readonly updates: (AdapterWeights | number)[] = [];
  private heldBytes = 0;
  private spillPath: string | undefined;
  /** How many updates the spill file holds. */
  private spilled = 0;
  private readFd: number | undefined;

  /**
   * @param layout the round's global adapter: the updates' tensors and their order
   * @param budgetBytes raw float32 bytes of updates held in memory at the most (0: every update is spilled)
   * @param directory where the spill file goes (created when the first update is spilled)
   */
  constructor(
    private readonly layout: AdapterWeights,
    private readonly budgetBytes: number,
    private readonly directory: string,
  ) {
    let start = 0;
    for (const [name, t] of layout) {
      this.spans.push({ name, start, end: start + t.data.length });
      start += t.data.length;
    }
    this.coordinateCount = start;
    this.updateBytes = start * FLOAT_BYTES;
  }

  add(update: AdapterWeights): void {
    assertSameLayout(this.layout, update);
    if (this.heldBytes + this.updateBytes <= this.budgetBytes) {
      this.updates.push(update);
      this.heldBytes += this.updateBytes;
    } else {
      this.updates.push(this.spill(update));
    }
  }

  /** Copies coordinates [start, end) of update k, flattened in the layout's tensor order, into `into` from index 0. */
  read(k: number, start: number, end: number, into: Float32Array): void {
    const update = this.updates[k];
    if (update === undefined) throw new RangeError(`no update ${k}: the spool holds ${this.updates.length}`);
    if (!(start >= 0 && start <= end && end <= this.coordinateCount)) throw new RangeError(`coordinates [${start}, ${end}) are outside the adapter`);
    if (end - start > into.length) throw new RangeError(`${end - start} coordinates do not fit in ${into.length}`);
    if (typeof update === 'number') {
      this.readFd ??= openSync(this.spillPath!, 'r');
      const bytes = bytesOf(into.subarray(0, end - start));
      for (let done = 0; done < bytes.length; ) {
        const read = readSync(this.readFd, bytes, done, bytes.length - done, update + start * FLOAT_BYTES + done);
        if (read === 0) throw new Error(`spill file ${this.spillPath} ends before update ${k}'s coordinates [${start}, ${end})`);
        done += read;
      }
      return;
    }
    for (const span of this.spans) {
      if (span.end <= start || span.start >= end) continue;
      const from = Math.max(start, span.start);
      const to = Math.min(end, span.end);
      into.set(update.get(span.name)!.data.subarray(from - span.start, to - span.start), from - start);
    }
  }

  /**
   * Visits the adapter's coordinates block by block, in order and never across two tensors. `block` holds coordinates
   * [from, from + length) of tensor `name` of each of `updates` in turn (updates[i]'s from i·length), with `length` at
   * most `blockLength`; it is reused from one block to the next.
   */
  forEachBlock(updates: readonly number[], blockLength: number, visit: (block: Float32Array, length: number, name: string, from: number) => void): void {
    const largestTensor = Math.max(0, ...this.spans.map((span) => span.end - span.start));
    const block = new Float32Array(updates.length * Math.min(blockLength, largestTensor));
    for (const span of this.spans) {
      for (let from = 0; from < span.end - span.start; from += blockLength) {
        const length = Math.min(blockLength, span.end - span.start - from);
        const start = span.start + from;
        updates.forEach((k, i) => this.read(k, start, start + length, block.subarray(i * length, (i + 1) * length)));
        visit(block, length, span.name, from);
      }
    }
  }

  /** Closes and deletes the spill file and forgets the updates; the spool is empty afterwards. */
  close(): void {
    this.updates.length = 0;
    this.heldBytes = 0;
    this.spilled = 0;
    if (this.readFd !== undefined) closeSync(this.readFd);
    this.readFd = undefined;
    if (this.spillPath !== undefined) rmSync(this.spillPath, { force: true });
    this.spillPath = undefined;
  }

  /** Writes the update at the end of the spill file; returns its byte offset there. */
  private spill(update: AdapterWeights): number {
    if (this.spillPath === undefined) {
      mkdirSync(this.directory, { recursive: true });
      this.spillPath = join(this.directory, `updates-${randomUUID()}.f32`);
    }
    const offset = this.spilled * this.updateBytes;
    // Positional writes after the last complete update: a write that fails half way is overwritten by the next.
    const fd = openSync(this.spillPath, constants.O_WRONLY | constants.O_CREAT);
    try {
      let position = offset;
      for (const { name } of this.spans) {
        const bytes = bytesOf(update.get(name)!.data);
        for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, position + done);
        position += bytes.length;
      }
    } finally {
      closeSync(fd);
    }
    this.spilled += 1;
    return offset;
  }
}
