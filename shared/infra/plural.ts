/** A count with its noun, singular for exactly one: "1 example", "2 examples". */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}
