/**
 * The `webgpu` tfjs backend: tfjs-backend-webgpu's kernels on Dawn, through the `webgpu` package (an optional
 * dependency shipping a prebuilt dawn.node; Dawn drives Vulkan on Linux, Metal on macOS, D3D12 on Windows).
 * fedlora opens the adapter and the device itself, rather than letting tfjs-backend-webgpu do it, so that it can
 * tell a hardware GPU from a software renderer, ask for the adapter's largest buffers, and notice the device
 * being lost.
 */
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { BackendUnavailableError, GpuFailureError } from '../infra/errors.js';
import type { Logger } from '../infra/log.js';
import { NF4_MAT_MUL } from './nf4-matmul.js';
import { webGpuNf4MatMul } from './nf4-webgpu.js';

export const WEBGPU_BACKEND = 'webgpu';

/** The GPU a webgpu backend runs on, as its adapter describes itself. */
export interface GpuDescription {
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
  /** A renderer that runs on the CPU (lavapipe/llvmpipe, SwiftShader, WARP): slower than native-cpu. */
  readonly software: boolean;
  /** The device's largest storage-buffer binding in bytes: no tensor may be bigger. */
  readonly maxStorageBufferBindingSize: number;
}

/** What fedlora uses of the WebGPU API (the package's types come with the optional dependency). */
interface AdapterInfo {
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
  readonly isFallbackAdapter?: boolean;
}
interface Adapter {
  readonly info: AdapterInfo;
  readonly limits: Record<string, number>;
  readonly features: ReadonlySet<string>;
  requestDevice(descriptor: { requiredLimits: Record<string, number>; requiredFeatures: string[] }): Promise<Device>;
}
interface Device {
  readonly lost: Promise<{ reason: string; message: string }>;
  readonly limits: Record<string, number>;
  readonly queue: { onSubmittedWorkDone(): Promise<void> };
  addEventListener(type: 'uncapturederror', listener: (event: { error?: { constructor: { name: string }; message?: string } }) => void): void;
  destroy(): void;
}
interface Gpu {
  requestAdapter(options?: { powerPreference?: 'high-performance' | 'low-power' }): Promise<Adapter | null>;
}
interface WebGpuPackage {
  create(options: string[]): Gpu;
  globals: Record<string, unknown>;
}

/** A variable, not a literal, so that TypeScript does not require the optional package to be installed. */
const DAWN_PACKAGE: string = 'webgpu';

/** Names of CPU renderers, matched in the adapter's device name and description. */
const SOFTWARE_RENDERER = /llvmpipe|lavapipe|softpipe|swiftshader|microsoft basic render|\bwarp\b/i;

export function isSoftwareAdapter(info: AdapterInfo): boolean {
  return info.isFallbackAdapter === true || info.architecture === 'software' || SOFTWARE_RENDERER.test(`${info.device} ${info.description}`);
}

/** e.g. `nvidia hopper (NVIDIA H100 80GB HBM3)`, for logs and the dashboard. */
export function gpuLabel(gpu: Pick<GpuDescription, 'vendor' | 'architecture' | 'device' | 'description'>): string {
  const name = gpu.description || gpu.device;
  return [gpu.vendor, gpu.architecture].filter((part) => part !== '').join(' ') + (name ? ` (${name})` : '');
}

/**
 * Limits requested at the adapter's own maximum: tfjs-backend-webgpu binds every tensor as one storage buffer, so
 * the default 128 MiB binding would refuse a large model's embeddings on a GPU that can bind far more.
 */
const MAXIMISED_LIMITS = [
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxStorageBuffersPerShaderStage',
  'maxComputeWorkgroupStorageSize',
  'maxComputeWorkgroupsPerDimension',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupSizeY',
  'maxComputeWorkgroupSizeZ',
  'maxComputeInvocationsPerWorkgroup',
] as const;

interface OpenDevice {
  readonly device: Device;
  readonly gpu: GpuDescription;
  /** Whether it was chosen as `auto` chooses: hardware only. */
  readonly hardwareOnly: boolean;
  /** Set when the device was lost or reported an error (the first one): its results are no longer trusted. */
  failure?: string;
}

let current: OpenDevice | undefined;
let dawn: Promise<{ gpu: Gpu; webgpuBackend: WebGpuBackendClass }> | undefined;

type WebGpuBackendClass = new (device: Device, adapterInfo: AdapterInfo) => tf.KernelBackend;

/** Loads Dawn and tfjs-backend-webgpu once, with the WebGPU globals (GPUBufferUsage, …) the backend reads. */
function loadDawn(): Promise<{ gpu: Gpu; webgpuBackend: WebGpuBackendClass }> {
  dawn ??= (async () => {
    let dawnPackage: WebGpuPackage;
    try {
      dawnPackage = (await import(DAWN_PACKAGE)) as WebGpuPackage;
    } catch (error) {
      throw new BackendUnavailableError(
        `the webgpu backend needs the ${DAWN_PACKAGE} package (Dawn), an optional dependency that did not load: ${(error as Error).message}`,
      );
    }
    // The backend module registers its kernels when imported; its own device factory only when navigator.gpu
    // already exists, which it does not yet, so that the factory registered below is the only one.
    const { WebGPUBackend } = (await import('@tensorflow/tfjs-backend-webgpu')) as unknown as { WebGPUBackend: WebGpuBackendClass };
    if (!tf.getKernel(NF4_MAT_MUL, WEBGPU_BACKEND)) {
      tf.registerKernel({ kernelName: NF4_MAT_MUL, backendName: WEBGPU_BACKEND, kernelFunc: webGpuNf4MatMul as unknown as tf.KernelFunc });
    }
    const gpu = dawnPackage.create([]);
    Object.assign(globalThis, dawnPackage.globals);
    const nav = (globalThis as { navigator?: { gpu?: Gpu } }).navigator;
    if (nav) Object.defineProperty(nav, 'gpu', { value: gpu, configurable: true });
    else Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
    return { gpu, webgpuBackend: WebGPUBackend };
  })();
  dawn.catch(() => (dawn = undefined));
  return dawn;
}

/**
 * The adapters Dawn offers: the high-performance one, and the low-power one when it differs (a laptop's
 * integrated GPU next to its discrete one).
 */
async function adapters(gpu: Gpu): Promise<Adapter[]> {
  const found: Adapter[] = [];
  for (const powerPreference of ['high-performance', 'low-power'] as const) {
    const adapter = await gpu.requestAdapter({ powerPreference });
    if (adapter && !found.some((other) => sameAdapter(other.info, adapter.info))) found.push(adapter);
  }
  return found;
}

const sameAdapter = (a: AdapterInfo, b: AdapterInfo): boolean => a.vendor === b.vendor && a.device === b.device && a.description === b.description;

/**
 * Opens a WebGPU device and registers the `webgpu` backend on it (replacing a lost one). With `hardwareOnly`,
 * software renderers are skipped, each with a log line saying why; otherwise the first adapter is taken, with a
 * warning when it runs on the CPU. Throws BackendUnavailableError saying what is missing when there is none.
 */
export async function registerWebGpuBackend(hardwareOnly: boolean, logger: Logger): Promise<GpuDescription> {
  if (current && !current.failure && (!hardwareOnly || !current.gpu.software)) return current.gpu;
  const { gpu, webgpuBackend } = await loadDawn();
  const found = await adapters(gpu);
  if (found.length === 0) throw new BackendUnavailableError(`the webgpu backend found no GPU adapter: ${missingDriver()}`);
  const chosen = hardwareOnly ? found.find((adapter) => !isSoftwareAdapter(adapter.info)) : found[0];
  for (const { info } of hardwareOnly ? found.filter((adapter) => isSoftwareAdapter(adapter.info)) : []) {
    const skipped = { vendor: info.vendor, architecture: info.architecture, description: info.description };
    logger.info({ adapter: skipped }, `webgpu: skipping ${gpuLabel(info)}, a software renderer slower than the CPU backends`);
  }
  if (!chosen) {
    throw new BackendUnavailableError(
      `the webgpu backend found only software renderers (${found.map((adapter) => gpuLabel(adapter.info)).join(', ')}); ` +
        'choose --backend webgpu to use one anyway',
    );
  }
  const requiredLimits = Object.fromEntries(MAXIMISED_LIMITS.filter((name) => name in chosen.limits).map((name) => [name, chosen.limits[name]]));
  const requiredFeatures = chosen.features.has('timestamp-query') ? ['timestamp-query'] : [];
  let device: Device;
  try {
    device = await chosen.requestDevice({ requiredLimits, requiredFeatures });
  } catch (error) {
    throw new BackendUnavailableError(`the webgpu backend could not open ${gpuLabel(chosen.info)}: ${(error as Error).message}`);
  }
  const info = chosen.info;
  const description: GpuDescription = {
    vendor: info.vendor,
    architecture: info.architecture,
    device: info.device,
    description: info.description,
    software: isSoftwareAdapter(info),
    maxStorageBufferBindingSize: device.limits.maxStorageBufferBindingSize,
  };
  const opened: OpenDevice = { device, gpu: description, hardwareOnly };
  const fail = (failure: string) => {
    opened.failure ??= failure;
    if (current === opened) logger.error({ gpu: gpuLabel(description), failure }, `webgpu: ${failure}`);
  };
  void device.lost.then(({ reason, message }) => fail(`device lost, ${reason}${message ? `: ${message}` : ''}`));
  // Out of memory or over a limit: Dawn reports the error here, and the work that depended on it yields garbage.
  device.addEventListener('uncapturederror', ({ error }) => fail(`${error?.constructor.name ?? 'GPU error'}: ${error?.message?.split('\n')[0] ?? ''}`));
  if (tf.findBackend(WEBGPU_BACKEND) || tf.findBackendFactory(WEBGPU_BACKEND)) tf.removeBackend(WEBGPU_BACKEND);
  const previous = current;
  current = opened;
  previous?.device.destroy();
  tf.registerBackend(WEBGPU_BACKEND, () => new webgpuBackend(device, info), 0);
  if (description.software) logger.warn({ gpu: gpuLabel(description) }, `webgpu: ${gpuLabel(description)} is a software renderer, slower than native-cpu`);
  logger.info(
    {
      vendor: info.vendor,
      architecture: info.architecture,
      description: info.description,
      maxStorageBufferBindingSize: description.maxStorageBufferBindingSize,
    },
    `webgpu: using ${gpuLabel(description)}`,
  );
  return description;
}

/** After the device failed: opens a new one, chosen as the failed one was, and makes webgpu the backend again. */
export async function reopenWebGpuBackend(logger: Logger): Promise<GpuDescription> {
  const gpu = await registerWebGpuBackend(current?.hardwareOnly ?? false, logger);
  if (!(await tf.setBackend(WEBGPU_BACKEND))) throw new BackendUnavailableError('the webgpu backend failed to start again (see the warning above)');
  return gpu;
}

/** The GPU the webgpu backend runs on, when it has been registered. */
export function webGpuDescription(): GpuDescription | undefined {
  return current?.gpu;
}

/** How the webgpu device failed (lost, or an error it reported), when it did. */
export function webGpuFailure(): string | undefined {
  return current?.failure;
}

/**
 * How the webgpu device failed, if it did, once the GPU has run the work submitted so far: its errors arrive only
 * after it has run the work that caused them.
 */
export async function webGpuFailureSoFar(): Promise<string | undefined> {
  const opened = current;
  if (opened?.failure === undefined) await opened?.device.queue.onSubmittedWorkDone().catch(() => undefined);
  return opened?.failure;
}

/** Throws GpuFailureError, saying `what` failed, if the webgpu device has failed (see webGpuFailureSoFar). */
export async function assertWebGpuHealthy(what: string): Promise<void> {
  if (tf.getBackend() !== WEBGPU_BACKEND) return;
  const failure = await webGpuFailureSoFar();
  if (failure !== undefined) throw new GpuFailureError(what, failure);
}

/** Destroys the device, as a driver reset would: the device's `lost` promise resolves. For fault tests. */
export function destroyWebGpuDevice(): void {
  current?.device.destroy();
}

/**
 * A frozen model weight as a tensor, put on the GPU at once when the backend is webgpu: tfjs-backend-webgpu would
 * otherwise keep every weight's values in host memory until its first use, so that loading held the whole model
 * on the host. A weight too large for one storage buffer is refused first (see assertFitsBinding).
 */
export function uploadWeight(name: string, values: Float32Array, shape: readonly number[]): tf.Tensor {
  assertFitsBinding(name, shape);
  const tensor = tf.tensor(values, [...shape]);
  if (tf.getBackend() !== WEBGPU_BACKEND) return tensor;
  const backend = tf.backend() as unknown as { uploadToGPU(dataId: object): void; commandEncoder: object | null; submitQueue(): void };
  backend.uploadToGPU(tensor.dataId);
  // A buffer reused from the backend's pool (after a reload) is filled through a staging buffer, which returns to
  // the pool only once its copy is submitted: submitted now, the next weight reuses it instead of adding another.
  if (backend.commandEncoder) backend.submitQueue();
  return tensor;
}

/**
 * Refuses a tensor that one storage buffer cannot hold, naming it, its size and the device's limit, so that a model
 * that does not fit fails with this message rather than with a GPU validation error.
 */
export function assertFitsBinding(name: string, shape: readonly number[]): void {
  const limit = tf.getBackend() === WEBGPU_BACKEND ? current?.gpu.maxStorageBufferBindingSize : undefined;
  if (limit === undefined) return;
  const bytes = 4 * shape.reduce((a, b) => a * b, 1);
  if (bytes > limit) {
    throw new BackendUnavailableError(
      `tensor ${name} [${shape.join(', ')}] takes ${formatMiB(bytes)}, more than this GPU's largest storage buffer ` +
        `(maxStorageBufferBindingSize ${formatMiB(limit)} on ${gpuLabel(current!.gpu)}); choose another --backend`,
    );
  }
}

const formatMiB = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/**
 * Why Dawn found no adapter, as far as this machine shows: on Linux, the Vulkan loader (libvulkan.so.1) or a Vulkan
 * driver (an ICD manifest) missing, or drivers present that Dawn refused (Mesa older than 23 lacks what it needs).
 */
function missingDriver(): string {
  if (process.platform !== 'linux') {
    return process.platform === 'darwin' ? 'Metal found no GPU' : 'Direct3D 12 found no GPU (update the GPU driver)';
  }
  const triple = process.arch === 'arm64' ? 'aarch64-linux-gnu' : 'x86_64-linux-gnu';
  const libraryDirs = [
    ...(process.env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean),
    `/usr/lib/${triple}`,
    `/lib/${triple}`,
    '/usr/lib64',
    '/usr/lib',
    '/usr/local/lib',
  ];
  if (!libraryDirs.some((dir) => existsSync(join(dir, 'libvulkan.so.1')))) {
    return "the Vulkan loader libvulkan.so.1 is not installed (Debian/Ubuntu: apt install libvulkan1, plus the GPU's Vulkan driver)";
  }
  const override = process.env.VK_DRIVER_FILES ?? process.env.VK_ICD_FILENAMES;
  const manifestDirs = ['/usr/share/vulkan/icd.d', '/usr/local/share/vulkan/icd.d', '/etc/vulkan/icd.d', join(homedir(), '.local/share/vulkan/icd.d')];
  const manifests = override
    ? override.split(':').filter((file) => existsSync(file))
    : manifestDirs.flatMap((dir) => (existsSync(dir) ? readdirSync(dir).filter((file) => file.endsWith('.json')) : []));
  if (manifests.length === 0) {
    return (
      `no Vulkan driver is installed (no ICD manifest ${override ? `among ${override}` : `in ${manifestDirs.join(', ')}`}): install the ` +
      'NVIDIA driver with its Vulkan part, or mesa-vulkan-drivers for AMD and Intel'
    );
  }
  return `the Vulkan drivers installed (${manifests.join(', ')}) offer no device Dawn accepts (Mesa before 23 lacks features Dawn requires)`;
}
