/** The last adapter the coordinator sent a client, so that a later instruction may refer to it by digest alone. */
import { adapterDigest, type AdapterWeights } from '../shared/lora/adapter.js';
import { MalformedMessageError, ProtocolViolationError } from '../shared/infra/errors.js';

export class HeldAdapter {
  private held: { readonly digest: string; readonly adapter: AdapterWeights } | undefined;

  /** The adapter an instruction names: the one it carries (checked against `digest`, then held), or the held one. */
  resolve(digest: string, adapter: AdapterWeights | undefined): AdapterWeights {
    if (adapter) {
      const actual = adapterDigest(adapter);
      if (actual !== digest) throw new MalformedMessageError(`adapter digest ${actual.slice(0, 12)}… does not match the announced ${digest.slice(0, 12)}…`);
      this.held = { digest, adapter };
      return adapter;
    }
    if (this.held?.digest !== digest) throw new ProtocolViolationError(`instruction refers to adapter ${digest.slice(0, 12)}… which this client does not hold`);
    return this.held.adapter;
  }
}
