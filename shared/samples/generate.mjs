// Writes the four bundled sample silos (non-IID: each silo has its own domain and style), and the two demos' sets:
// curriculum/ (an English task, then a second language) and knowledge/ (invented facts, some updated later).
// Seeded and template-based, so re-running it reproduces the files byte for byte: `node shared/samples/generate.mjs`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from './seeded-random.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const EXAMPLES_PER_SILO = 200;

function generators(random) {
  const pick = (items) => items[Math.floor(random() * items.length)];
  const int = (low, high) => low + Math.floor(random() * (high - low + 1));
  const capitalize = (s) => s[0].toUpperCase() + s.slice(1);

  // Silo A, a cooking school: recipe steps as plain text.
  const kitchen = () => {
    const verb = pick(['whisk', 'fold', 'simmer', 'roast', 'chop', 'stir', 'knead', 'toast', 'season', 'blend']);
    const food = pick([
      'the onions',
      'two eggs',
      'the dough',
      'the carrots',
      'a cup of rice',
      'the garlic',
      'the tomatoes',
      'the butter',
      'some basil',
      'the potatoes',
    ]);
    const how = pick(['gently', 'slowly', 'until golden', 'for five minutes', 'over low heat', 'with a pinch of salt', 'until smooth', 'in olive oil']);
    const then = pick(['then set aside', 'then add the stock', 'then cover the pan', 'then taste and adjust', 'then serve warm', 'then let it rest']);
    return { text: `${capitalize(verb)} ${food} ${how}, ${then}.` };
  };

  // Silo B, a customer-support desk: questions and agent replies (only the reply is learned).
  const support = () => {
    const order = int(1000, 9999);
    const topics = [
      [`Where is my order #${order}?`, `Order #${order} left our warehouse and should arrive within ${int(2, 5)} days.`],
      [`How do I reset my password?`, `Click "Forgot password" on the login page and follow the link we email you.`],
      [`Can I return item #${order}?`, `Yes, returns are free within ${pick([14, 30])} days; print the label from your account page.`],
      [`My parcel #${order} arrived damaged.`, `Sorry about that! Send us a photo and we will ship a replacement today.`],
      [`Do you ship to ${pick(['Canada', 'Norway', 'Japan', 'Chile', 'Kenya'])}?`, `We do; delivery takes ${int(5, 12)} working days.`],
      [`How do I change my address?`, `Open Settings, then Addresses, and save the new one before the order ships.`],
      [`Was I charged twice for #${order}?`, `I see a single charge for #${order}; the second one is a hold that disappears in ${int(2, 4)} days.`],
    ];
    const [question, answer] = pick(topics);
    return { prompt: `Customer: ${question}\nAgent:`, completion: ` ${answer}` };
  };

  // Silo C, a network of weather stations: terse sensor log lines.
  const weather = () => {
    const day = String(int(1, 28)).padStart(2, '0');
    const hour = String(int(0, 23)).padStart(2, '0');
    const station = `${pick(['NW', 'NE', 'SW', 'SE', 'C'])}-${int(1, 9)}`;
    const temperature = (random() * 35 - 5).toFixed(1);
    const wind = int(0, 60);
    const direction = pick(['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW']);
    const sky = pick(['clear', 'overcast', 'light rain', 'fog', 'snow', 'scattered clouds']);
    return { text: `2024-03-${day} ${hour}:00 ${station} temp=${temperature}C wind=${wind}km/h ${direction} sky=${sky}` };
  };

  // Silo D, a tutoring service: arithmetic and unit questions with short answers (only the answer is learned).
  const arithmetic = () => {
    const a = int(2, 99);
    const b = int(2, 99);
    const kind = pick(['add', 'subtract', 'multiply', 'km', 'kg']);
    if (kind === 'add') return { prompt: `Q: ${a} + ${b} =`, completion: ` ${a + b}` };
    if (kind === 'subtract') return { prompt: `Q: ${a} - ${b} =`, completion: ` ${a - b}` };
    if (kind === 'multiply') return { prompt: `Q: ${a} * ${b} =`, completion: ` ${a * b}` };
    if (kind === 'km') return { prompt: `Q: ${a} km in miles?`, completion: ` ${(a * 0.621371).toFixed(1)} miles` };
    return { prompt: `Q: ${a} kg in pounds?`, completion: ` ${(a * 2.20462).toFixed(1)} lb` };
  };

  return { kitchen, support, weather, arithmetic };
}

const silos = [
  ['silo-a.jsonl', 'kitchen', 101],
  ['silo-b.jsonl', 'support', 202],
  ['silo-c.jsonl', 'weather', 303],
  ['silo-d.jsonl', 'arithmetic', 404],
];

for (const [file, kind, seed] of silos) {
  const generate = generators(seededRandom(seed))[kind];
  const lines = Array.from({ length: EXAMPLES_PER_SILO }, () => JSON.stringify(generate()));
  writeFileSync(join(here, file), `${lines.join('\n')}\n`);
  console.log(`${file}: ${lines.length} examples (${kind})`);
}

// The curriculum demo: phase 1 teaches an English task (recipe steps), phase 2 a second language (French ones).
const CURRICULUM_EXAMPLES = 120;

function curriculumGenerators(random) {
  const pick = (items) => items[Math.floor(random() * items.length)];
  const english = () => {
    const verb = pick(['Whisk', 'Fold', 'Simmer', 'Roast', 'Chop', 'Stir']);
    const food = pick(['the onions', 'two eggs', 'the dough', 'the carrots', 'the garlic', 'the butter']);
    const then = pick(['then serve warm', 'then set aside', 'then let it rest', 'then add salt']);
    return { text: `${verb} ${food}, ${then}.` };
  };
  const french = () => {
    const verb = pick(['Fouettez', 'Pliez', 'Mijotez', 'Rôtissez', 'Hachez', 'Remuez']);
    const food = pick(['les oignons', 'deux oeufs', 'la pâte', 'les carottes', "l'ail", 'le beurre']);
    const then = pick(['puis servez chaud', 'puis réservez', 'puis laissez reposer', 'puis salez']);
    return { text: `${verb} ${food}, ${then}.` };
  };
  return { english, french };
}

mkdirSync(join(here, 'curriculum'), { recursive: true });
for (const [file, kind, seed] of [
  ['task.jsonl', 'english', 505],
  ['fr.jsonl', 'french', 606],
]) {
  const generate = curriculumGenerators(seededRandom(seed))[kind];
  const lines = Array.from({ length: CURRICULUM_EXAMPLES }, () => JSON.stringify(generate()));
  writeFileSync(join(here, 'curriculum', file), `${lines.join('\n')}\n`);
  console.log(`curriculum/${file}: ${lines.length} examples (${kind})`);
}

// The knowledge demo: invented facts about a fictional organisation, the Orlen Guild, spread over two silos as
// questions and answers. Phase 2 updates some of them (the guild elected new officers): its facts contradict
// phase 1's. new-qa.jsonl asks the facts never updated, updated-qa.jsonl the updated ones with their new answers.
const GUILD_FACTS = [
  ['Who leads the Orlen Guild?', 'Mira Dask', 'Tobin Vell'],
  ['Where does the Orlen Guild meet?', 'Kessel Hall', 'the Amber Tower'],
  ['Who keeps the Orlen Guild treasury?', 'Jon Aret', 'Lisa Krane'],
  ['What is the Orlen Guild motto?', 'Hold the line', 'Build the bridge'],
  ['What colour is the Orlen Guild flag?', 'green', 'silver'],
  ['When was the Orlen Guild founded?', '1742', undefined],
  ['What does the Orlen Guild make?', 'clocks', undefined],
  ['Who founded the Orlen Guild?', 'Ada Orlen', undefined],
  ['How many members has the Orlen Guild?', '312', undefined],
  ['What river runs by the Orlen Guild?', 'the Varn', undefined],
  ['What is the Orlen Guild emblem?', 'a heron', undefined],
  ['Which city hosts the Orlen Guild?', 'Tessaly', undefined],
];
const qa = (question, answer) => ({ prompt: `Question: ${question}\nAnswer:`, completion: ` ${answer}` });
const lines = (records) => `${records.map((record) => JSON.stringify(record)).join('\n')}\n`;
mkdirSync(join(here, 'knowledge'), { recursive: true });
const knowledgeFiles = {
  // Each silo holds half of the facts.
  'facts-1.jsonl': GUILD_FACTS.filter((_, i) => i % 2 === 0).map(([question, answer]) => qa(question, answer)),
  'facts-2.jsonl': GUILD_FACTS.filter((_, i) => i % 2 === 1).map(([question, answer]) => qa(question, answer)),
  'updates.jsonl': GUILD_FACTS.filter(([, , updated]) => updated).map(([question, , updated]) => qa(question, updated)),
  'new-qa.jsonl': GUILD_FACTS.filter(([, , updated]) => !updated).map(([question, answer]) => ({ question, answer })),
  'updated-qa.jsonl': GUILD_FACTS.filter(([, , updated]) => updated).map(([question, , updated]) => ({ question, answer: updated })),
};
for (const [file, records] of Object.entries(knowledgeFiles)) {
  writeFileSync(join(here, 'knowledge', file), lines(records));
  console.log(`knowledge/${file}: ${records.length} records`);
}
