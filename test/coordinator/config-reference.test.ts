import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { coordinatorConfigSchema } from '../../coordinator/coordinator-config.js';
import { OUTPUT, configFields, renderConfigReference } from '../../docs/generate-config-reference.mjs';

describe('configuration reference', () => {
  it('docs/configuration.md is what the generator makes of the schema now', async () => {
    const committed = await readFile(OUTPUT, 'utf8');
    expect(committed === renderConfigReference(coordinatorConfigSchema), 'docs/configuration.md is stale: run npm run docs:config').toBe(true);
  });

  it('every field of the coordinator configuration has a description', () => {
    const undescribed = configFields(coordinatorConfigSchema)
      .filter((field) => field.description === '')
      .map((field) => field.path);
    expect(undescribed, 'add .describe() to these fields in the schema').toEqual([]);
  });

  it('lists nested fields with their type and default, a tagged union by its tags, and a field without a description with an empty one', () => {
    const schema = z.strictObject({
      limit: z
        .strictObject({ windowMs: z.number().int().positive().default(60_000).describe('Window.') })
        .prefault({})
        .describe('A limit.'),
      mode: z.enum(['a', 'b']).optional(),
      peers: z.array(z.strictObject({ id: z.string().describe('Id.') })).describe('Peers.'),
      pick: z.discriminatedUnion('kind', [z.strictObject({ kind: z.literal('a') }), z.strictObject({ kind: z.literal('b'), x: z.number() })]).describe('Pick.'),
    });
    expect(configFields(schema)).toEqual([
      { path: 'limit', type: 'object', required: false, default: "its fields' defaults", description: 'A limit.' },
      { path: 'limit.windowMs', type: 'integer (> 0)', required: false, default: '`60000`', description: 'Window.' },
      { path: 'mode', type: '`a`, `b`', required: false, default: '', description: '' },
      { path: 'peers', type: 'list of object', required: true, default: '', description: 'Peers.' },
      { path: 'peers[].id', type: 'string', required: true, default: '', description: 'Id.' },
      { path: 'pick', type: 'object whose `kind` is one of `a`, `b`', required: true, default: '', description: 'Pick.' },
    ]);
  });
});
