// Writes the bundled image silos: synthetic 32 × 32 "scans" of four modalities, each drawn recognisably (an X-ray's
// spine and ribs, a CT's bright ring of bone, an MRI's folded brain, an ultrasound's speckled fan), with captions
// and questions. Non-IID: each of the four hospitals mostly holds its own modality. Seeded, so re-running it
// reproduces the files byte for byte: `node shared/samples/scans/generate.mjs`.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { seededRandom } from '../seeded-random.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const SIZE = 32;
const EXAMPLES_PER_SILO = 48;
const HELD_OUT = 24;
/** Share of a silo's examples of its own modality; the rest is spread over the others. */
const OWN_SHARE = 0.75;

/** Grey levels [SIZE²] drawn by `shade(x, y)` in [0, 1] (x, y in [−1, 1]), plus noise. */
function draw(random, noise, shade) {
  const pixels = new Uint8Array(SIZE * SIZE);
  for (let row = 0; row < SIZE; row++) {
    for (let column = 0; column < SIZE; column++) {
      const x = (2 * column + 1) / SIZE - 1;
      const y = (2 * row + 1) / SIZE - 1;
      const value = shade(x, y) + noise * (random() - 0.5);
      pixels[row * SIZE + column] = Math.round(255 * Math.min(1, Math.max(0, value)));
    }
  }
  return pixels;
}

const MODALITIES = {
  'X-ray': {
    findings: ['left-sided pleural effusion', 'a right lower lobe consolidation', 'clear lung fields', 'cardiomegaly'],
    body: 'chest',
    // A bright vertical spine and curved ribs on a dark field.
    image: (random) => {
      const tilt = 0.2 * (random() - 0.5);
      return draw(random, 0.1, (x, y) => {
        const spine = Math.exp(-(((x - tilt * y) / 0.12) ** 2));
        const ribs = Math.abs(x) > 0.15 && Math.abs(x) < 0.9 ? 0.55 * Math.max(0, Math.cos(9 * (y + 0.25 * x * x))) : 0;
        return 0.15 + 0.75 * spine + ribs;
      });
    },
  },
  CT: {
    findings: ['a hypodense liver lesion', 'no acute intracranial haemorrhage', 'a small renal cyst', 'bilateral pulmonary nodules'],
    body: 'abdomen',
    // A bright ring of bone around grey tissue, with a darker round organ, on black.
    image: (random) => {
      const cx = 0.2 * (random() - 0.5);
      const cy = 0.2 * (random() - 0.5);
      return draw(random, 0.06, (x, y) => {
        const r = Math.hypot(x - cx, y - cy);
        if (r > 0.85) return 0;
        if (r > 0.7) return 0.95;
        return Math.hypot(x - cx - 0.25, y - cy) < 0.2 ? 0.25 : 0.5;
      });
    },
  },
  MRI: {
    findings: ['a periventricular white matter lesion', 'normal brain parenchyma', 'a small meningioma', 'mild cerebral atrophy'],
    body: 'brain',
    // A soft oval brain with folded, wavy bright tissue.
    image: (random) => {
      const phase = 6 * random();
      return draw(random, 0.05, (x, y) => {
        const inside = (x / 0.75) ** 2 + (y / 0.9) ** 2;
        if (inside > 1) return 0.05;
        return 0.35 + 0.35 * Math.sin(12 * Math.hypot(x, y) + 3 * Math.sin(4 * x + phase));
      });
    },
  },
  Ultrasound: {
    findings: ['a gallstone with acoustic shadowing', 'a normal fetal heartbeat', 'a simple ovarian cyst', 'thickening of the gallbladder wall'],
    body: 'abdomen',
    // A fan opening downwards from the top edge, filled with speckle.
    image: (random) =>
      draw(random, 0, (x, y) => {
        const depth = Math.hypot(x, y + 1);
        const angle = Math.atan2(x, y + 1);
        if (Math.abs(angle) > 0.6 || depth > 1.8 || depth < 0.2) return 0;
        return 0.2 + 0.6 * random() * random();
      }),
  },
};
const NAMES = Object.keys(MODALITIES);

function example(random, modality, index, folder) {
  const { findings, body, image } = MODALITIES[modality];
  const file = `images/${folder}-${String(index).padStart(3, '0')}.png`;
  const pixels = image(random);
  const caption = `${modality} ${body} showing ${findings[Math.floor(random() * findings.length)]}`;
  return { file, pixels, modality, caption };
}

async function writeImage(file, pixels) {
  await sharp(Buffer.from(pixels), { raw: { width: SIZE, height: SIZE, channels: 1 } })
    .png()
    .toFile(join(here, file));
}

const question = 'What modality is used to take this image?';
const prompt = (text) => `<image>\nQuestion: ${text}\nAnswer:`;

rmSync(join(here, 'images'), { recursive: true, force: true });
mkdirSync(join(here, 'images'));
const random = seededRandom(20261203);
for (let silo = 0; silo < NAMES.length; silo++) {
  const lines = [];
  for (let i = 0; i < EXAMPLES_PER_SILO; i++) {
    const own = random() < OWN_SHARE;
    const modality = own ? NAMES[silo] : NAMES[Math.floor(random() * NAMES.length)];
    const scan = example(random, modality, i, `silo-${silo + 1}`);
    await writeImage(scan.file, scan.pixels);
    // Three lines in four ask the modality, the fourth asks for the caption.
    lines.push(
      i % 4 !== 3
        ? { image: scan.file, prompt: prompt(question), completion: ` ${scan.modality}` }
        : { image: scan.file, prompt: prompt('Describe the image.'), completion: ` ${scan.caption}` },
    );
  }
  writeFileSync(join(here, `silo-${silo + 1}.jsonl`), `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
}
const heldOut = [];
for (let i = 0; i < HELD_OUT; i++) {
  const scan = example(random, NAMES[i % NAMES.length], i, 'held-out');
  await writeImage(scan.file, scan.pixels);
  heldOut.push({ image: scan.file, question, answer: scan.modality });
}
writeFileSync(join(here, 'held-out-qa.jsonl'), `${heldOut.map((line) => JSON.stringify(line)).join('\n')}\n`);
