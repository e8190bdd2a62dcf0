import * as $protobuf from "protobufjs";
import Long = require("long");

export namespace fedlora {

    namespace v1 {

        enum DType {
            DTYPE_UNSPECIFIED = 0,
            FLOAT32 = 1,
            FLOAT16 = 2,
            BFLOAT16 = 3,
            INT8 = 4
        }

        interface ITensor extends fedlora.v1.Tensor.$Properties {
        }

        class Tensor {
            constructor(p?: fedlora.v1.Tensor.$Properties);
            $unknowns?: Uint8Array[];
            name: string;
            shape: number[];
            dtype: fedlora.v1.DType;
            alignment: Uint8Array;
            data: Uint8Array;
            scales: number[];
            scaleAxis?: (number|null);
            static create(properties: fedlora.v1.Tensor.$Shape): fedlora.v1.Tensor & fedlora.v1.Tensor.$Shape;
            static create(properties?: fedlora.v1.Tensor.$Properties): fedlora.v1.Tensor;
            static encode(m: fedlora.v1.Tensor.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fedlora.v1.Tensor & fedlora.v1.Tensor.$Shape;
            static fromObject(d: { [k: string]: any }): fedlora.v1.Tensor;
            static toObject(m: fedlora.v1.Tensor, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Tensor {
            interface $Properties {
                name?: (string|null);
                shape?: (number[]|null);
                dtype?: (fedlora.v1.DType|null);
                alignment?: (Uint8Array|null);
                data?: (Uint8Array|null);
                scales?: (number[]|null);
                scaleAxis?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = fedlora.v1.Tensor.$Properties;
        }

        enum UpdateEncoding {
            UPDATE_FP32 = 0,
            UPDATE_FP16 = 1,
            UPDATE_BF16 = 2,
            UPDATE_INT8 = 3
        }

        interface IAdapter extends fedlora.v1.Adapter.$Properties {
        }

        class Adapter {
            constructor(p?: fedlora.v1.Adapter.$Properties);
            $unknowns?: Uint8Array[];
            tensors: fedlora.v1.Tensor.$Properties[];
            static create(properties: fedlora.v1.Adapter.$Shape): fedlora.v1.Adapter & fedlora.v1.Adapter.$Shape;
            static create(properties?: fedlora.v1.Adapter.$Properties): fedlora.v1.Adapter;
            static encode(m: fedlora.v1.Adapter.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fedlora.v1.Adapter & fedlora.v1.Adapter.$Shape;
            static fromObject(d: { [k: string]: any }): fedlora.v1.Adapter;
            static toObject(m: fedlora.v1.Adapter, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Adapter {
            interface $Properties {
                tensors?: (fedlora.v1.Tensor.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = fedlora.v1.Adapter.$Properties;
        }

        interface ILoraSpec extends fedlora.v1.LoraSpec.$Properties {
        }

        class LoraSpec {
            constructor(p?: fedlora.v1.LoraSpec.$Properties);
            $unknowns?: Uint8Array[];
            r: number;
            alpha: number;
            targetModules: string[];
            dropout: number;
            useRslora: boolean;
            freezeA: boolean;
            modulesToSave: string[];
            peft?: (fedlora.v1.PeftSpec.$Properties|null);
            bias: string;
            static create(properties: fedlora.v1.LoraSpec.$Shape): fedlora.v1.LoraSpec & fedlora.v1.LoraSpec.$Shape;
            static create(properties?: fedlora.v1.LoraSpec.$Properties): fedlora.v1.LoraSpec;
            static encode(m: fedlora.v1.LoraSpec.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fedlora.v1.LoraSpec & fedlora.v1.LoraSpec.$Shape;
            static fromObject(d: { [k: string]: any }): fedlora.v1.LoraSpec;
            static toObject(m: fedlora.v1.LoraSpec, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace LoraSpec {
            interface $Properties {
                r?: (number|null);
                alpha?: (number|null);
                targetModules?: (string[]|null);
                dropout?: (number|null);
                useRslora?: (boolean|null);
                freezeA?: (boolean|null);
                modulesToSave?: (string[]|null);
                peft?: (fedlora.v1.PeftSpec.$Properties|null);
                bias?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = fedlora.v1.LoraSpec.$Properties;
        }

        interface IPeftSpec extends fedlora.v1.PeftSpec.$Properties {
        }

        class PeftSpec {
            constructor(p?: fedlora.v1.PeftSpec.$Properties);
            $unknowns?: Uint8Array[];
            method: string;
            numVirtualTokens: number;
            promptTuningInit: string;
            promptTuningInitText: string;
            prefixProjection: boolean;
            encoderHiddenSize: number;
            static create(properties: fedlora.v1.PeftSpec.$Shape): fedlora.v1.PeftSpec & fedlora.v1.PeftSpec.$Shape;
            static create(properties?: fedlora.v1.PeftSpec.$Properties): fedlora.v1.PeftSpec;
            static encode(m: fedlora.v1.PeftSpec.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fedlora.v1.PeftSpec & fedlora.v1.PeftSpec.$Shape;
            static fromObject(d: { [k: string]: any }): fedlora.v1.PeftSpec;
            static toObject(m: fedlora.v1.PeftSpec, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace PeftSpec {
            interface $Properties {
                method?: (string|null);
                numVirtualTokens?: (number|null);
                promptTuningInit?: (string|null);
                promptTuningInitText?: (string|null);
                prefixProjection?: (boolean|null);
                encoderHiddenSize?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = fedlora.v1.PeftSpec.$Properties;
        }

        interface ITrainHyperParams extends fedlora.v1.TrainHyperParams.$Properties {
        }

        class TrainHyperParams {
            constructor(p?: fedlora.v1.TrainHyperParams.$Properties);
            $unknowns?: Uint8Array[];
            localSteps: number;
            batchSize: number;
            learningRate: number;
            maxSeqLen: number;
            seed: number;
            packing: boolean;
            static create(properties: fedlora.v1.TrainHyperParams.$Shape): fedlora.v1.TrainHyperParams & fedlora.v1.TrainHyperParams.$Shape;
            static create(properties?: fedlora.v1.TrainHyperParams.$Properties): fedlora.v1.TrainHyperParams;
            static encode(m: fedlora.v1.TrainHyperParams.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fedlora.v1.TrainHyperParams & fedlora.v1.TrainHyperParams.$Shape;
            static fromObject(d: { [k: string]: any }): fedlora.v1.TrainHyperParams;
            static toObject(m: fedlora.v1.TrainHyperParams, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace TrainHyperParams {
            interface $Properties {
                localSteps?: (number|null);
                batchSize?: (number|null);
                learningRate?: (number|null);
                maxSeqLen?: (number|null);
                seed?: (number|null);
                packing?: (boolean|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = fedlora.v1.TrainHyperParams.$Properties;
        }

        interface IClientHello extends fedlora.v1.ClientHello.$Properties {
        }

        class ClientHello {
            constructor(p?: fedlora.v1.ClientHello.$Properties);
            $unknowns?: Uint8Array[];
            clientId: string;
            modelFingerprint: string;
            backend: string;
            numTrainExamples: number;
            numEvalExamples: number;
            softwareVersion: string;
            loraRank: number;
            gpu: string;
            dataSets: fedlora.v1.DataSet.$Properties[];
            static create(properties: fedlora.v1.ClientHello.$Shape): fedlora.v1.ClientHello & fedlora.v1.ClientHello.$Shape;
            static create(properties?: fedlora.v1.ClientHello.$Properties): fedlora.v1.ClientHello;
            static encode(m: fedlora.v1.ClientHello.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fedlora.v1.ClientHello & fedlora.v1.ClientHello.$Shape;
            static fromObject(d: { [k: string]: any }): fedlora.v1.ClientHello;
            static toObject(m: fedlora.v1.ClientHello, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace ClientHello {
            interface $Properties {
                clientId?: (string|null);
                modelFingerprint?: (string|null);
                backend?: (string|null);
                numTrainExamples?: (number|null);
                numEvalExamples?: (number|null);
                softwareVersion?: (string|null);
                loraRank?: (number|null);
                gpu?: (string|null);
                dataSets?: (fedlora.v1.DataSet.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = fedlora.v1.ClientHello.$Properties;
        }

        interface IDataSet extends fedlora.v1.DataSet.$Properties {
        }

        class DataSet {
            constructor(p?: fedlora.v1.DataSet.$Properties);
            $unknowns?: Uint8Array[];
            name: string;
            numTrainExamples: number;
            numEvalExamples: number;
            qa: boolean;
            static create(properties: fedlora.v1.DataSet.$Shape): fedlora.v1.DataSet & fedlora.v1.DataSet.$Shape;
            static create(properties?: fedlora.v1.DataSet.$Properties): fedlora.v1.DataSet;
            static encode(m: fedlora.v1.DataSet.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fedlora.v1.DataSet & fedlora.v1.DataSet.$Shape;
            static fromObject(d: { [k: string]: any }): fedlora.v1.DataSet;
            static toObject(m: fedlora.v1.DataSet, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace DataSet {
            interface $Properties {
                name?: (string|null);
                numTrainExamples?: (number|null);
                numEvalExamples?: (number|null);
                qa?: (boolean|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = fedlora.v1.DataSet.$Properties;
        }

        interface IDataShare extends fedlora.v1.DataShare.$Properties {
        }

        class DataShare {
            constructor(p?: fedlora.v1.DataShare.$Properties);
            $unknowns?: Uint8Array[];
            name: string;
            weight: number;
            static create(properties: fedlora.v1.DataShare.$Shape): fedlora.v1.DataShare & fedlora.v1.DataShare.$Shape;
            static create(properties?: fedlora.v1.DataShare.$Properties): fedlora.v1.DataShare;
            static encode(m: fedlora.v1.DataShare.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fedlora.v1.DataShare & fedlora.v1.DataShare.$Shape;
            static fromObject(d: { [k: string]: any }): fedlora.v1.DataShare;
            static toObject(m: fedlora.v1.DataShare, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace DataShare {
            interface $Properties {
                name?: (string|null);
                weight?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = fedlora.v1.DataShare.$Properties;
        }

        interface IWelcome extends fedlora.v1.Welcome.$Properties {
        }

        class Welcome {
            constructor(p?: fedlora.v1.Welcome.$Properties);
            $unknowns?: Uint8Array[];
            runId: string;
            roundsTotal: number;
            model: string;
            clientId: string;
            chunkBytes: number;
            maxPayloadBytes: number;
            static create(properties: fedlora.v1.Welcome.$Shape): fedlora.v1.Welcome & fedlora.v1.Welcome.$Shape;
            static create(properties?: fedlora.v1.Welcome.$Properties): fedlora.v1.Welcome;
            static encode(m: fedlora.v1.Welcome.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fedlora.v1.Welcome & fedlora.v1.Welcome.$Shape;
            static fromObject(d: { [k: string]: any }): fedlora.v1.Welcome;
            static toObject(m: fedlora.v1.Welcome, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Welcome {
            interface $Properties {
                runId?: (string|null);
                roundsTotal?: (number|null);
                model?: (string|null);
                clientId?: (string|null);
                chunkBytes?: (number|null);
                maxPayloadBytes?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = fedlora.v1.Welcome.$Properties;
        }

        interface ITrainInstruction extends fedlora.v1.TrainInstruction.$Properties {
        }

        class TrainInstruction {
            constructor(p?: fedlora.v1.TrainInstruction.$Properties);
            $unknowns?: Uint8Array[];
            round: number;
            globalDigest: string;
            globalAdapter?: (fedlora.v1.Adapter.$Properties|null);
            hyperParams?: (fedlora.v1.TrainHyperParams.$Properties|null);
            lora?: (fedlora.v1.LoraSpec.$Properties|null);
            deadlineUnixMs: number;
            clientPolicy?: (fedlora.v1.ClientPolicy.$Properties|null);
            data: fedlora.v1.DataShare.$Properties[];
            static create(properties: fedlora.v1.TrainInstruction.$Shape): fedlora.v1.TrainInstruction & fedlora.v1.TrainInstruction.$Shape;
            static create(properties?: fedlora.v1.TrainInstruction.$Properties): fedlora.v1.TrainInstruction;
            static encode(m: fedlora.v1.TrainInstruction.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fedlora.v1.TrainInstruction & fedlora.v1.TrainInstruction.$Shape;
            static fromObject(d: { [k: string]: any }): fedlora.v1.TrainInstruction;
            static toObject(m: fedlora.v1.TrainInstruction, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace TrainInstruction {
            interface $Properties {
                round?: (number|null);
                globalDigest?: (string|null);
                globalAdapter?: (fedlora.v1.Adapter.$Properties|null);
                hyperParams?: (fedlora.v1.TrainHyperParams.$Properties|null);
                lora?: (fedlora.v1.LoraSpec.$Properties|null);
                deadlineUnixMs?: (number|null);
                clientPolicy?: (fedlora.v1.ClientPolicy.$Properties|null);
                data?: (fedlora.v1.DataShare.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = fedlora.v1.TrainInstruction.$Properties;
        }

        interface IClientPolicy extends fedlora.v1.ClientPolicy.$Properties {
        }

        class ClientPolicy {
            constructor(p?: fedlora.v1.ClientPolicy.$Properties);
            $unknowns?: Uint8Array[];
            proximalMu: number;
            clipNorm: number;
            updateEncoding: fedlora.v1.UpdateEncoding;
            errorFeedback: boolean;
            secureAggregation: boolean;
            static create(properties: fedlora.v1.ClientPolicy.$Shape): fedlora.v1.ClientPolicy & fedlora.v1.ClientPolicy.$Shape;
            static create(properties?: fedlora.v1.ClientPolicy.$Properties): fedlora.v1.ClientPolicy;
            static encode(m: fedlora.v1.ClientPolicy.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fedlora.v1.ClientPolicy & fedlora.v1.ClientPolicy.$Shape;
            static fromObject(d: { [k: string]: any }): fedlora.v1.ClientPolicy;
            static toObject(m: fedlora.v1.ClientPolicy, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace ClientPolicy {
            interface $Properties {
                proximalMu?: (number|null);
                clipNorm?: (number|null);
                updateEncoding?: (fedlora.v1.UpdateEncoding|null);
                errorFeedback?: (boolean|null);
                secureAggregation?: (boolean|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = fedlora.v1.ClientPolicy.$Properties;
        }

        interface IClientUpdate extends fedlora.v1.ClientUpdate.$Properties {
        }

        class ClientUpdate {
            constructor(p?: fedlora.v1.ClientUpdate.$Properties);
            $unknowns?: Uint8Array[];
            round: number;
            globalDigest: string;
            update?: (fedlora.v1.Adapter.$Properties|null);
            numExamples: number;
            trainLoss: number;
            tokensPerSecond: number;
            steps: number;
            durationMs: number;
            updateId: string;
            static create(properties: fedlora.v1.ClientUpdate.$Shape): fedlora.v1.ClientUpdate & fedlora.v1.ClientUpdate.$Shape;
            static create(properties?: fedlora.v1.ClientUpdate.$Properties): fedlora.v1.ClientUpdate;
            static encode(m: fedlora.v1.ClientUpdate.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fedlora.v1.ClientUpdate & fedlora.v1.ClientUpdate.$Shape;
            static fromObject(d: { [k: string]: any }): fedlora.v1.ClientUpdate;
            static toObject(m: fedlora.v1.ClientUpdate, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace ClientUpdate {
            interface $Properties {
                round?: (number|null);
                globalDigest?: (string|null);
                update?: (fedlora.v1.Adapter.$Properties|null);
                numExamples?: (number|null);
                trainLoss?: (number|null);
                tokensPerSecond?: (number|null);
                steps?: (number|null);
                durationMs?: (number|null);
                updateId?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = fedlora.v1.ClientUpdate.$Properties;
        }

        interface IEvaluateInstruction extends fedlora.v1.EvaluateInstruction.$Properties {
        }

        class EvaluateInstruction {
            constructor(p?: fedlora.v1.EvaluateInstruction.$Properties);
            $unknowns?: Uint8Array[];
            round: number;
            digest: string;
            adapter?: (fedlora.v1.Adapter.$Properties|null);
            maxSeqLen: number;
            lora?: (fedlora.v1.LoraSpec.$Properties|null);
            deadlineUnixMs: number;
            qaSets: string[];
            qaMaxNewTokens: number;
            static create(properties: fedlora.v1.EvaluateInstruction.$Shape): fedlora.v1.EvaluateInstruction & fedlora.v1.EvaluateInstruction.$Shape;
            static create(properties?: fedlora.v1.EvaluateInstruction.$Properties): fedlora.v1.EvaluateInstruction;
            static encode(m: fedlora.v1.EvaluateInstruction.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fedlora.v1.EvaluateInstruction & fedlora.v1.EvaluateInstruction.$Shape;
            static fromObject(d: { [k: string]: any }): fedlora.v1.EvaluateInstruction;
            static toObject(m: fedlora.v1.EvaluateInstruction, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace EvaluateInstruction {
            interface $Properties {
                round?: (number|null);
                digest?: (string|null);
                adapter?: (fedlora.v1.Adapter.$Properties|null);
                maxSeqLen?: (number|null);
                lora?: (fedlora.v1.LoraSpec.$Properties|null);
                deadlineUnixMs?: (number|null);
                qaSets?: (string[]|null);
                qaMaxNewTokens?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = fedlora.v1.EvaluateInstruction.$Properties;
        }

        interface IEvaluateResult extends fedlora.v1.EvaluateResult.$Properties {
        }

        class EvaluateResult {
            constructor(p?: fedlora.v1.EvaluateResult.$Properties);
            $unknowns?: Uint8Array[];
            round: number;
            digest: string;
            loss: number;
            numExamples: number;
            sets: fedlora.v1.SetEvaluation.$Properties[];
            static create(properties: fedlora.v1.EvaluateResult.$Shape): fedlora.v1.EvaluateResult & fedlora.v1.EvaluateResult.$Shape;
            static create(properties?: fedlora.v1.EvaluateResult.$Properties): fedlora.v1.EvaluateResult;
            static encode(m: fedlora.v1.EvaluateResult.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fedlora.v1.EvaluateResult & fedlora.v1.EvaluateResult.$Shape;
            static fromObject(d: { [k: string]: any }): fedlora.v1.EvaluateResult;
            static toObject(m: fedlora.v1.EvaluateResult, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace EvaluateResult {
            interface $Properties {
                round?: (number|null);
                digest?: (string|null);
                loss?: (number|null);
                numExamples?: (number|null);
                sets?: (fedlora.v1.SetEvaluation.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = fedlora.v1.EvaluateResult.$Properties;
        }

        interface ISetEvaluation extends fedlora.v1.SetEvaluation.$Properties {
        }

        class SetEvaluation {
            constructor(p?: fedlora.v1.SetEvaluation.$Properties);
            $unknowns?: Uint8Array[];
            name: string;
            loss: number;
            numExamples: number;
            qa: boolean;
            exactMatch: number;
            f1: number;
            static create(properties: fedlora.v1.SetEvaluation.$Shape): fedlora.v1.SetEvaluation & fedlora.v1.SetEvaluation.$Shape;
            static create(properties?: fedlora.v1.SetEvaluation.$Properties): fedlora.v1.SetEvaluation;
            static encode(m: fedlora.v1.SetEvaluation.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fedlora.v1.SetEvaluation & fedlora.v1.SetEvaluation.$Shape;
            static fromObject(d: { [k: string]: any }): fedlora.v1.SetEvaluation;
            static toObject(m: fedlora.v1.SetEvaluation, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace SetEvaluation {
            interface $Properties {
                name?: (string|null);
                loss?: (number|null);
                numExamples?: (number|null);
                qa?: (boolean|null);
                exactMatch?: (number|null);
                f1?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = fedlora.v1.SetEvaluation.$Properties;
        }

        interface IAck extends fedlora.v1.Ack.$Properties {
        }

        class Ack {
            constructor(p?: fedlora.v1.Ack.$Properties);
            $unknowns?: Uint8Array[];
            round: number;
            static create(properties: fedlora.v1.Ack.$Shape): fedlora.v1.Ack & fedlora.v1.Ack.$Shape;
            static create(properties?: fedlora.v1.Ack.$Properties): fedlora.v1.Ack;
            static encode(m: fedlora.v1.Ack.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fedlora.v1.Ack & fedlora.v1.Ack.$Shape;
            static fromObject(d: { [k: string]: any }): fedlora.v1.Ack;
            static toObject(m: fedlora.v1.Ack, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Ack {
            interface $Properties {
                round?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = fedlora.v1.Ack.$Properties;
        }

        interface IRunFinished extends fedlora.v1.RunFinished.$Properties {
        }

        class RunFinished {
            constructor(p?: fedlora.v1.RunFinished.$Properties);
            $unknowns?: Uint8Array[];
            roundsCompleted: number;
            finalDigest: string;
            static create(properties: fedlora.v1.RunFinished.$Shape): fedlora.v1.RunFinished & fedlora.v1.RunFinished.$Shape;
            static create(properties?: fedlora.v1.RunFinished.$Properties): fedlora.v1.RunFinished;
            static encode(m: fedlora.v1.RunFinished.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fedlora.v1.RunFinished & fedlora.v1.RunFinished.$Shape;
            static fromObject(d: { [k: string]: any }): fedlora.v1.RunFinished;
            static toObject(m: fedlora.v1.RunFinished, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace RunFinished {
            interface $Properties {
                roundsCompleted?: (number|null);
                finalDigest?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = fedlora.v1.RunFinished.$Properties;
        }

        enum ErrorCode {
            ERROR_CODE_UNSPECIFIED = 0,
            MALFORMED_MESSAGE = 1,
            STALE_ROUND = 2,
            TENSOR_MISMATCH = 3,
            NON_FINITE = 4,
            MODEL_MISMATCH = 5,
            NOT_SAMPLED = 6,
            PAYLOAD_TOO_LARGE = 7,
            UNAUTHORIZED = 8,
            PROTOCOL_VIOLATION = 9,
            NORM_EXCEEDED = 10
        }

        interface IError extends fedlora.v1.Error.$Properties {
        }

        class Error {
            constructor(p?: fedlora.v1.Error.$Properties);
            $unknowns?: Uint8Array[];
            code: fedlora.v1.ErrorCode;
            message: string;
            round: number;
            static create(properties: fedlora.v1.Error.$Shape): fedlora.v1.Error & fedlora.v1.Error.$Shape;
            static create(properties?: fedlora.v1.Error.$Properties): fedlora.v1.Error;
            static encode(m: fedlora.v1.Error.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fedlora.v1.Error & fedlora.v1.Error.$Shape;
            static fromObject(d: { [k: string]: any }): fedlora.v1.Error;
            static toObject(m: fedlora.v1.Error, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Error {
            interface $Properties {
                code?: (fedlora.v1.ErrorCode|null);
                message?: (string|null);
                round?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = fedlora.v1.Error.$Properties;
        }

        interface IChunk extends fedlora.v1.Chunk.$Properties {
        }

        class Chunk {
            constructor(p?: fedlora.v1.Chunk.$Properties);
            $unknowns?: Uint8Array[];
            transferId: string;
            index: number;
            count: number;
            totalBytes: number;
            payloadSha256: Uint8Array;
            data: Uint8Array;
            static create(properties: fedlora.v1.Chunk.$Shape): fedlora.v1.Chunk & fedlora.v1.Chunk.$Shape;
            static create(properties?: fedlora.v1.Chunk.$Properties): fedlora.v1.Chunk;
            static encode(m: fedlora.v1.Chunk.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fedlora.v1.Chunk & fedlora.v1.Chunk.$Shape;
            static fromObject(d: { [k: string]: any }): fedlora.v1.Chunk;
            static toObject(m: fedlora.v1.Chunk, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Chunk {
            interface $Properties {
                transferId?: (string|null);
                index?: (number|null);
                count?: (number|null);
                totalBytes?: (number|null);
                payloadSha256?: (Uint8Array|null);
                data?: (Uint8Array|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = fedlora.v1.Chunk.$Properties;
        }

        interface IChunkAck extends fedlora.v1.ChunkAck.$Properties {
        }

        class ChunkAck {
            constructor(p?: fedlora.v1.ChunkAck.$Properties);
            $unknowns?: Uint8Array[];
            transferId: string;
            nextIndex: number;
            static create(properties: fedlora.v1.ChunkAck.$Shape): fedlora.v1.ChunkAck & fedlora.v1.ChunkAck.$Shape;
            static create(properties?: fedlora.v1.ChunkAck.$Properties): fedlora.v1.ChunkAck;
            static encode(m: fedlora.v1.ChunkAck.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fedlora.v1.ChunkAck & fedlora.v1.ChunkAck.$Shape;
            static fromObject(d: { [k: string]: any }): fedlora.v1.ChunkAck;
            static toObject(m: fedlora.v1.ChunkAck, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace ChunkAck {
            interface $Properties {
                transferId?: (string|null);
                nextIndex?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = fedlora.v1.ChunkAck.$Properties;
        }

        interface IUploadRequest extends fedlora.v1.UploadRequest.$Properties {
        }

        class UploadRequest {
            constructor(p?: fedlora.v1.UploadRequest.$Properties);
            $unknowns?: Uint8Array[];
            round: number;
            updateId: string;
            bytes: number;
            static create(properties: fedlora.v1.UploadRequest.$Shape): fedlora.v1.UploadRequest & fedlora.v1.UploadRequest.$Shape;
            static create(properties?: fedlora.v1.UploadRequest.$Properties): fedlora.v1.UploadRequest;
            static encode(m: fedlora.v1.UploadRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fedlora.v1.UploadRequest & fedlora.v1.UploadRequest.$Shape;
            static fromObject(d: { [k: string]: any }): fedlora.v1.UploadRequest;
            static toObject(m: fedlora.v1.UploadRequest, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace UploadRequest {
            interface $Properties {
                round?: (number|null);
                updateId?: (string|null);
                bytes?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = fedlora.v1.UploadRequest.$Properties;
        }

        interface IUploadGrant extends fedlora.v1.UploadGrant.$Properties {
        }

        class UploadGrant {
            constructor(p?: fedlora.v1.UploadGrant.$Properties);
            $unknowns?: Uint8Array[];
            round: number;
            updateId: string;
            static create(properties: fedlora.v1.UploadGrant.$Shape): fedlora.v1.UploadGrant & fedlora.v1.UploadGrant.$Shape;
            static create(properties?: fedlora.v1.UploadGrant.$Properties): fedlora.v1.UploadGrant;
            static encode(m: fedlora.v1.UploadGrant.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fedlora.v1.UploadGrant & fedlora.v1.UploadGrant.$Shape;
            static fromObject(d: { [k: string]: any }): fedlora.v1.UploadGrant;
            static toObject(m: fedlora.v1.UploadGrant, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace UploadGrant {
            interface $Properties {
                round?: (number|null);
                updateId?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = fedlora.v1.UploadGrant.$Properties;
        }

        interface IEnvelope extends fedlora.v1.Envelope.$Properties {
        }

        class Envelope {
            constructor(p?: fedlora.v1.Envelope.$Properties);
            $unknowns?: Uint8Array[];
            hello?: (fedlora.v1.ClientHello.$Properties|null);
            welcome?: (fedlora.v1.Welcome.$Properties|null);
            train?: (fedlora.v1.TrainInstruction.$Properties|null);
            update?: (fedlora.v1.ClientUpdate.$Properties|null);
            evaluate?: (fedlora.v1.EvaluateInstruction.$Properties|null);
            evaluation?: (fedlora.v1.EvaluateResult.$Properties|null);
            ack?: (fedlora.v1.Ack.$Properties|null);
            finished?: (fedlora.v1.RunFinished.$Properties|null);
            error?: (fedlora.v1.Error.$Properties|null);
            chunk?: (fedlora.v1.Chunk.$Properties|null);
            chunkAck?: (fedlora.v1.ChunkAck.$Properties|null);
            uploadRequest?: (fedlora.v1.UploadRequest.$Properties|null);
            uploadGrant?: (fedlora.v1.UploadGrant.$Properties|null);
            secaggKeys?: (fedlora.v1.SecAggKeys.$Properties|null);
            secaggRoster?: (fedlora.v1.SecAggRoster.$Properties|null);
            secaggShares?: (fedlora.v1.SecAggShares.$Properties|null);
            secaggMaskRequest?: (fedlora.v1.SecAggMaskRequest.$Properties|null);
            secaggMasked?: (fedlora.v1.SecAggMasked.$Properties|null);
            secaggUnmaskRequest?: (fedlora.v1.SecAggUnmaskRequest.$Properties|null);
            secaggUnmask?: (fedlora.v1.SecAggUnmask.$Properties|null);
            body?: ("hello"|"welcome"|"train"|"update"|"evaluate"|"evaluation"|"ack"|"finished"|"error"|"chunk"|"chunkAck"|"uploadRequest"|"uploadGrant"|"secaggKeys"|"secaggRoster"|"secaggShares"|"secaggMaskRequest"|"secaggMasked"|"secaggUnmaskRequest"|"secaggUnmask");
            static create(properties: fedlora.v1.Envelope.$Shape): fedlora.v1.Envelope & fedlora.v1.Envelope.$Shape;
            static create(properties?: fedlora.v1.Envelope.$Properties): fedlora.v1.Envelope;
            static encode(m: fedlora.v1.Envelope.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fedlora.v1.Envelope & fedlora.v1.Envelope.$Shape;
            static fromObject(d: { [k: string]: any }): fedlora.v1.Envelope;
            static toObject(m: fedlora.v1.Envelope, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Envelope {
            interface $Properties {
                hello?: (fedlora.v1.ClientHello.$Properties|null);
                welcome?: (fedlora.v1.Welcome.$Properties|null);
                train?: (fedlora.v1.TrainInstruction.$Properties|null);
                update?: (fedlora.v1.ClientUpdate.$Properties|null);
                evaluate?: (fedlora.v1.EvaluateInstruction.$Properties|null);
                evaluation?: (fedlora.v1.EvaluateResult.$Properties|null);
                ack?: (fedlora.v1.Ack.$Properties|null);
                finished?: (fedlora.v1.RunFinished.$Properties|null);
                error?: (fedlora.v1.Error.$Properties|null);
                chunk?: (fedlora.v1.Chunk.$Properties|null);
                chunkAck?: (fedlora.v1.ChunkAck.$Properties|null);
                uploadRequest?: (fedlora.v1.UploadRequest.$Properties|null);
                uploadGrant?: (fedlora.v1.UploadGrant.$Properties|null);
                secaggKeys?: (fedlora.v1.SecAggKeys.$Properties|null);
                secaggRoster?: (fedlora.v1.SecAggRoster.$Properties|null);
                secaggShares?: (fedlora.v1.SecAggShares.$Properties|null);
                secaggMaskRequest?: (fedlora.v1.SecAggMaskRequest.$Properties|null);
                secaggMasked?: (fedlora.v1.SecAggMasked.$Properties|null);
                secaggUnmaskRequest?: (fedlora.v1.SecAggUnmaskRequest.$Properties|null);
                secaggUnmask?: (fedlora.v1.SecAggUnmask.$Properties|null);
                body?: ("hello"|"welcome"|"train"|"update"|"evaluate"|"evaluation"|"ack"|"finished"|"error"|"chunk"|"chunkAck"|"uploadRequest"|"uploadGrant"|"secaggKeys"|"secaggRoster"|"secaggShares"|"secaggMaskRequest"|"secaggMasked"|"secaggUnmaskRequest"|"secaggUnmask");
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              hello?: fedlora.v1.ClientHello.$Shape|null;
              welcome?: fedlora.v1.Welcome.$Shape|null;
              train?: fedlora.v1.TrainInstruction.$Shape|null;
              update?: fedlora.v1.ClientUpdate.$Shape|null;
              evaluate?: fedlora.v1.EvaluateInstruction.$Shape|null;
              evaluation?: fedlora.v1.EvaluateResult.$Shape|null;
              ack?: fedlora.v1.Ack.$Shape|null;
              finished?: fedlora.v1.RunFinished.$Shape|null;
              error?: fedlora.v1.Error.$Shape|null;
              chunk?: fedlora.v1.Chunk.$Shape|null;
              chunkAck?: fedlora.v1.ChunkAck.$Shape|null;
              uploadRequest?: fedlora.v1.UploadRequest.$Shape|null;
              uploadGrant?: fedlora.v1.UploadGrant.$Shape|null;
              secaggKeys?: fedlora.v1.SecAggKeys.$Shape|null;
              secaggRoster?: fedlora.v1.SecAggRoster.$Shape|null;
              secaggShares?: fedlora.v1.SecAggShares.$Shape|null;
              secaggMaskRequest?: fedlora.v1.SecAggMaskRequest.$Shape|null;
              secaggMasked?: fedlora.v1.SecAggMasked.$Shape|null;
              secaggUnmaskRequest?: fedlora.v1.SecAggUnmaskRequest.$Shape|null;
              secaggUnmask?: fedlora.v1.SecAggUnmask.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ body?: undefined; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null; uploadRequest?: null; uploadGrant?: null; secaggKeys?: null; secaggRoster?: null; secaggShares?: null; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "hello"; hello: fedlora.v1.ClientHello.$Shape; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null; uploadRequest?: null; uploadGrant?: null; secaggKeys?: null; secaggRoster?: null; secaggShares?: null; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "welcome"; hello?: null; welcome: fedlora.v1.Welcome.$Shape; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null; uploadRequest?: null; uploadGrant?: null; secaggKeys?: null; secaggRoster?: null; secaggShares?: null; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "train"; hello?: null; welcome?: null; train: fedlora.v1.TrainInstruction.$Shape; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null; uploadRequest?: null; uploadGrant?: null; secaggKeys?: null; secaggRoster?: null; secaggShares?: null; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "update"; hello?: null; welcome?: null; train?: null; update: fedlora.v1.ClientUpdate.$Shape; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null; uploadRequest?: null; uploadGrant?: null; secaggKeys?: null; secaggRoster?: null; secaggShares?: null; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "evaluate"; hello?: null; welcome?: null; train?: null; update?: null; evaluate: fedlora.v1.EvaluateInstruction.$Shape; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null; uploadRequest?: null; uploadGrant?: null; secaggKeys?: null; secaggRoster?: null; secaggShares?: null; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "evaluation"; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation: fedlora.v1.EvaluateResult.$Shape; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null; uploadRequest?: null; uploadGrant?: null; secaggKeys?: null; secaggRoster?: null; secaggShares?: null; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "ack"; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack: fedlora.v1.Ack.$Shape; finished?: null; error?: null; chunk?: null; chunkAck?: null; uploadRequest?: null; uploadGrant?: null; secaggKeys?: null; secaggRoster?: null; secaggShares?: null; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "finished"; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished: fedlora.v1.RunFinished.$Shape; error?: null; chunk?: null; chunkAck?: null; uploadRequest?: null; uploadGrant?: null; secaggKeys?: null; secaggRoster?: null; secaggShares?: null; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "error"; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error: fedlora.v1.Error.$Shape; chunk?: null; chunkAck?: null; uploadRequest?: null; uploadGrant?: null; secaggKeys?: null; secaggRoster?: null; secaggShares?: null; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "chunk"; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk: fedlora.v1.Chunk.$Shape; chunkAck?: null; uploadRequest?: null; uploadGrant?: null; secaggKeys?: null; secaggRoster?: null; secaggShares?: null; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "chunkAck"; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck: fedlora.v1.ChunkAck.$Shape; uploadRequest?: null; uploadGrant?: null; secaggKeys?: null; secaggRoster?: null; secaggShares?: null; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "uploadRequest"; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null; uploadRequest: fedlora.v1.UploadRequest.$Shape; uploadGrant?: null; secaggKeys?: null; secaggRoster?: null; secaggShares?: null; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "uploadGrant"; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null; uploadRequest?: null; uploadGrant: fedlora.v1.UploadGrant.$Shape; secaggKeys?: null; secaggRoster?: null; secaggShares?: null; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "secaggKeys"; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null; uploadRequest?: null; uploadGrant?: null; secaggKeys: fedlora.v1.SecAggKeys.$Shape; secaggRoster?: null; secaggShares?: null; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "secaggRoster"; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null; uploadRequest?: null; uploadGrant?: null; secaggKeys?: null; secaggRoster: fedlora.v1.SecAggRoster.$Shape; secaggShares?: null; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "secaggShares"; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null; uploadRequest?: null; uploadGrant?: null; secaggKeys?: null; secaggRoster?: null; secaggShares: fedlora.v1.SecAggShares.$Shape; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "secaggMaskRequest"; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null; uploadRequest?: null; uploadGrant?: null; secaggKeys?: null; secaggRoster?: null; secaggShares?: null; secaggMaskRequest: fedlora.v1.SecAggMaskRequest.$Shape; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "secaggMasked"; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null; uploadRequest?: null; uploadGrant?: null; secaggKeys?: null; secaggRoster?: null; secaggShares?: null; secaggMaskRequest?: null; secaggMasked: fedlora.v1.SecAggMasked.$Shape; secaggUnmaskRequest?: null; secaggUnmask?: null }|{ body?: "secaggUnmaskRequest"; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null; uploadRequest?: null; uploadGrant?: null; secaggKeys?: null; secaggRoster?: null; secaggShares?: null; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest: fedlora.v1.SecAggUnmaskRequest.$Shape; secaggUnmask?: null }|{ body?: "secaggUnmask"; hello?: null; welcome?: null; train?: null; update?: null; evaluate?: null; evaluation?: null; ack?: null; finished?: null; error?: null; chunk?: null; chunkAck?: null; uploadRequest?: null; uploadGrant?: null; secaggKeys?: null; secaggRoster?: null; secaggShares?: null; secaggMaskRequest?: null; secaggMasked?: null; secaggUnmaskRequest?: null; secaggUnmask: fedlora.v1.SecAggUnmask.$Shape })
            );
        }

        interface ISecAggKeys extends fedlora.v1.SecAggKeys.$Properties {
        }

        class SecAggKeys {
            constructor(p?: fedlora.v1.SecAggKeys.$Properties);
            $unknowns?: Uint8Array[];
            round: number;
            globalDigest: string;
            maskPublicKey: Uint8Array;
            cipherPublicKey: Uint8Array;
            selfMaskCommitment: Uint8Array;
            numExamples: number;
            trainLoss: number;
            tokensPerSecond: number;
            steps: number;
            durationMs: number;
            static create(properties: fedlora.v1.SecAggKeys.$Shape): fedlora.v1.SecAggKeys & fedlora.v1.SecAggKeys.$Shape;
            static create(properties?: fedlora.v1.SecAggKeys.$Properties): fedlora.v1.SecAggKeys;
            static encode(m: fedlora.v1.SecAggKeys.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fedlora.v1.SecAggKeys & fedlora.v1.SecAggKeys.$Shape;
            static fromObject(d: { [k: string]: any }): fedlora.v1.SecAggKeys;
            static toObject(m: fedlora.v1.SecAggKeys, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace SecAggKeys {
            interface $Properties {
                round?: (number|null);
                globalDigest?: (string|null);
                maskPublicKey?: (Uint8Array|null);
                cipherPublicKey?: (Uint8Array|null);
                selfMaskCommitment?: (Uint8Array|null);
                numExamples?: (number|null);
                trainLoss?: (number|null);
                tokensPerSecond?: (number|null);
                steps?: (number|null);
                durationMs?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = fedlora.v1.SecAggKeys.$Properties;
        }

        interface ISecAggPeer extends fedlora.v1.SecAggPeer.$Properties {
        }

        class SecAggPeer {
            constructor(p?: fedlora.v1.SecAggPeer.$Properties);
            $unknowns?: Uint8Array[];
            clientId: string;
            index: number;
            maskPublicKey: Uint8Array;
            cipherPublicKey: Uint8Array;
            static create(properties: fedlora.v1.SecAggPeer.$Shape): fedlora.v1.SecAggPeer & fedlora.v1.SecAggPeer.$Shape;
            static create(properties?: fedlora.v1.SecAggPeer.$Properties): fedlora.v1.SecAggPeer;
            static encode(m: fedlora.v1.SecAggPeer.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fedlora.v1.SecAggPeer & fedlora.v1.SecAggPeer.$Shape;
            static fromObject(d: { [k: string]: any }): fedlora.v1.SecAggPeer;
            static toObject(m: fedlora.v1.SecAggPeer, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace SecAggPeer {
            interface $Properties {
                clientId?: (string|null);
                index?: (number|null);
                maskPublicKey?: (Uint8Array|null);
                cipherPublicKey?: (Uint8Array|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = fedlora.v1.SecAggPeer.$Properties;
        }

        interface ISecAggRoster extends fedlora.v1.SecAggRoster.$Properties {
        }

        class SecAggRoster {
            constructor(p?: fedlora.v1.SecAggRoster.$Properties);
            $unknowns?: Uint8Array[];
            round: number;
            ownIndex: number;
            neighbours: fedlora.v1.SecAggPeer.$Properties[];
            threshold: number;
            range: number;
            scale: number;
            weight: number;
            weightTotal: number;
            noiseStd: number;
            reportClipping: boolean;
            indicatorNoiseStd: number;
            deadlineUnixMs: number;
            static create(properties: fedlora.v1.SecAggRoster.$Shape): fedlora.v1.SecAggRoster & fedlora.v1.SecAggRoster.$Shape;
            static create(properties?: fedlora.v1.SecAggRoster.$Properties): fedlora.v1.SecAggRoster;
            static encode(m: fedlora.v1.SecAggRoster.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fedlora.v1.SecAggRoster & fedlora.v1.SecAggRoster.$Shape;
            static fromObject(d: { [k: string]: any }): fedlora.v1.SecAggRoster;
            static toObject(m: fedlora.v1.SecAggRoster, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace SecAggRoster {
            interface $Properties {
                round?: (number|null);
                ownIndex?: (number|null);
                neighbours?: (fedlora.v1.SecAggPeer.$Properties[]|null);
                threshold?: (number|null);
                range?: (number|null);
                scale?: (number|null);
                weight?: (number|null);
                weightTotal?: (number|null);
                noiseStd?: (number|null);
                reportClipping?: (boolean|null);
                indicatorNoiseStd?: (number|null);
                deadlineUnixMs?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = fedlora.v1.SecAggRoster.$Properties;
        }

        interface ISecAggEncryptedShare extends fedlora.v1.SecAggEncryptedShare.$Properties {
        }

        class SecAggEncryptedShare {
            constructor(p?: fedlora.v1.SecAggEncryptedShare.$Properties);
            $unknowns?: Uint8Array[];
            clientId: string;
            ciphertext: Uint8Array;
            static create(properties: fedlora.v1.SecAggEncryptedShare.$Shape): fedlora.v1.SecAggEncryptedShare & fedlora.v1.SecAggEncryptedShare.$Shape;
            static create(properties?: fedlora.v1.SecAggEncryptedShare.$Properties): fedlora.v1.SecAggEncryptedShare;
            static encode(m: fedlora.v1.SecAggEncryptedShare.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fedlora.v1.SecAggEncryptedShare & fedlora.v1.SecAggEncryptedShare.$Shape;
            static fromObject(d: { [k: string]: any }): fedlora.v1.SecAggEncryptedShare;
            static toObject(m: fedlora.v1.SecAggEncryptedShare, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace SecAggEncryptedShare {
            interface $Properties {
                clientId?: (string|null);
                ciphertext?: (Uint8Array|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = fedlora.v1.SecAggEncryptedShare.$Properties;
        }

        interface ISecAggShares extends fedlora.v1.SecAggShares.$Properties {
        }

        class SecAggShares {
            constructor(p?: fedlora.v1.SecAggShares.$Properties);
            $unknowns?: Uint8Array[];
            round: number;
            shares: fedlora.v1.SecAggEncryptedShare.$Properties[];
            blamed: string[];
            static create(properties: fedlora.v1.SecAggShares.$Shape): fedlora.v1.SecAggShares & fedlora.v1.SecAggShares.$Shape;
            static create(properties?: fedlora.v1.SecAggShares.$Properties): fedlora.v1.SecAggShares;
            static encode(m: fedlora.v1.SecAggShares.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fedlora.v1.SecAggShares & fedlora.v1.SecAggShares.$Shape;
            static fromObject(d: { [k: string]: any }): fedlora.v1.SecAggShares;
            static toObject(m: fedlora.v1.SecAggShares, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace SecAggShares {
            interface $Properties {
                round?: (number|null);
                shares?: (fedlora.v1.SecAggEncryptedShare.$Properties[]|null);
                blamed?: (string[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = fedlora.v1.SecAggShares.$Properties;
        }

        interface ISecAggMaskRequest extends fedlora.v1.SecAggMaskRequest.$Properties {
        }

        class SecAggMaskRequest {
            constructor(p?: fedlora.v1.SecAggMaskRequest.$Properties);
            $unknowns?: Uint8Array[];
            round: number;
            shares: fedlora.v1.SecAggEncryptedShare.$Properties[];
            deadlineUnixMs: number;
            static create(properties: fedlora.v1.SecAggMaskRequest.$Shape): fedlora.v1.SecAggMaskRequest & fedlora.v1.SecAggMaskRequest.$Shape;
            static create(properties?: fedlora.v1.SecAggMaskRequest.$Properties): fedlora.v1.SecAggMaskRequest;
            static encode(m: fedlora.v1.SecAggMaskRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fedlora.v1.SecAggMaskRequest & fedlora.v1.SecAggMaskRequest.$Shape;
            static fromObject(d: { [k: string]: any }): fedlora.v1.SecAggMaskRequest;
            static toObject(m: fedlora.v1.SecAggMaskRequest, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace SecAggMaskRequest {
            interface $Properties {
                round?: (number|null);
                shares?: (fedlora.v1.SecAggEncryptedShare.$Properties[]|null);
                deadlineUnixMs?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = fedlora.v1.SecAggMaskRequest.$Properties;
        }

        interface ISecAggMasked extends fedlora.v1.SecAggMasked.$Properties {
        }

        class SecAggMasked {
            constructor(p?: fedlora.v1.SecAggMasked.$Properties);
            $unknowns?: Uint8Array[];
            round: number;
            masked: Uint8Array;
            blamed: string[];
            static create(properties: fedlora.v1.SecAggMasked.$Shape): fedlora.v1.SecAggMasked & fedlora.v1.SecAggMasked.$Shape;
            static create(properties?: fedlora.v1.SecAggMasked.$Properties): fedlora.v1.SecAggMasked;
            static encode(m: fedlora.v1.SecAggMasked.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fedlora.v1.SecAggMasked & fedlora.v1.SecAggMasked.$Shape;
            static fromObject(d: { [k: string]: any }): fedlora.v1.SecAggMasked;
            static toObject(m: fedlora.v1.SecAggMasked, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace SecAggMasked {
            interface $Properties {
                round?: (number|null);
                masked?: (Uint8Array|null);
                blamed?: (string[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = fedlora.v1.SecAggMasked.$Properties;
        }

        interface ISecAggUnmaskRequest extends fedlora.v1.SecAggUnmaskRequest.$Properties {
        }

        class SecAggUnmaskRequest {
            constructor(p?: fedlora.v1.SecAggUnmaskRequest.$Properties);
            $unknowns?: Uint8Array[];
            round: number;
            survivors: string[];
            dropped: string[];
            deadlineUnixMs: number;
            static create(properties: fedlora.v1.SecAggUnmaskRequest.$Shape): fedlora.v1.SecAggUnmaskRequest & fedlora.v1.SecAggUnmaskRequest.$Shape;
            static create(properties?: fedlora.v1.SecAggUnmaskRequest.$Properties): fedlora.v1.SecAggUnmaskRequest;
            static encode(m: fedlora.v1.SecAggUnmaskRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fedlora.v1.SecAggUnmaskRequest & fedlora.v1.SecAggUnmaskRequest.$Shape;
            static fromObject(d: { [k: string]: any }): fedlora.v1.SecAggUnmaskRequest;
            static toObject(m: fedlora.v1.SecAggUnmaskRequest, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace SecAggUnmaskRequest {
            interface $Properties {
                round?: (number|null);
                survivors?: (string[]|null);
                dropped?: (string[]|null);
                deadlineUnixMs?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = fedlora.v1.SecAggUnmaskRequest.$Properties;
        }

        interface ISecAggRevealedShare extends fedlora.v1.SecAggRevealedShare.$Properties {
        }

        class SecAggRevealedShare {
            constructor(p?: fedlora.v1.SecAggRevealedShare.$Properties);
            $unknowns?: Uint8Array[];
            clientId: string;
            share: Uint8Array;
            static create(properties: fedlora.v1.SecAggRevealedShare.$Shape): fedlora.v1.SecAggRevealedShare & fedlora.v1.SecAggRevealedShare.$Shape;
            static create(properties?: fedlora.v1.SecAggRevealedShare.$Properties): fedlora.v1.SecAggRevealedShare;
            static encode(m: fedlora.v1.SecAggRevealedShare.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fedlora.v1.SecAggRevealedShare & fedlora.v1.SecAggRevealedShare.$Shape;
            static fromObject(d: { [k: string]: any }): fedlora.v1.SecAggRevealedShare;
            static toObject(m: fedlora.v1.SecAggRevealedShare, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace SecAggRevealedShare {
            interface $Properties {
                clientId?: (string|null);
                share?: (Uint8Array|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = fedlora.v1.SecAggRevealedShare.$Properties;
        }

        interface ISecAggUnmask extends fedlora.v1.SecAggUnmask.$Properties {
        }

        class SecAggUnmask {
            constructor(p?: fedlora.v1.SecAggUnmask.$Properties);
            $unknowns?: Uint8Array[];
            round: number;
            selfMaskShares: fedlora.v1.SecAggRevealedShare.$Properties[];
            secretKeyShares: fedlora.v1.SecAggRevealedShare.$Properties[];
            static create(properties: fedlora.v1.SecAggUnmask.$Shape): fedlora.v1.SecAggUnmask & fedlora.v1.SecAggUnmask.$Shape;
            static create(properties?: fedlora.v1.SecAggUnmask.$Properties): fedlora.v1.SecAggUnmask;
            static encode(m: fedlora.v1.SecAggUnmask.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fedlora.v1.SecAggUnmask & fedlora.v1.SecAggUnmask.$Shape;
            static fromObject(d: { [k: string]: any }): fedlora.v1.SecAggUnmask;
            static toObject(m: fedlora.v1.SecAggUnmask, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace SecAggUnmask {
            interface $Properties {
                round?: (number|null);
                selfMaskShares?: (fedlora.v1.SecAggRevealedShare.$Properties[]|null);
                secretKeyShares?: (fedlora.v1.SecAggRevealedShare.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = fedlora.v1.SecAggUnmask.$Properties;
        }
    }
}
