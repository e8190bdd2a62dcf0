/** Hyper-parameters of one round of local training, as the coordinator sends them. */
export interface TrainHyperParams {
  /** Optimizer steps per round. */
  readonly localSteps: number;
  /** Sequences per step. */
  readonly batchSize: number;
  /** Adam learning rate. */
  readonly learningRate: number;
  /** Sequences are truncated to this many tokens. */
  readonly maxSeqLen: number;
  /** Seeds batch sampling so that a round is reproducible on one client. */
  readonly seed: number;
  /** FedProx: weight mu of the proximal term (mu/2)·‖w − w_global‖² added to the local loss; 0 = off. */
  readonly proximalMu: number;
  /** Concatenate examples into full rows of maxSeqLen tokens instead of one padded example per row (default off). */
  readonly packing?: boolean;
}
