// Every locale is complete: the same message keys as English (none missing, none extra), the same placeholders in
// each message, and the same vue-i18n syntax rules. Adding a key to one locale and not another fails here.
import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { es } from './es.ts';

const LOCALES: Record<string, unknown> = { es };

function leaves(node: unknown, prefix = ''): Map<string, string> {
  if (typeof node === 'string') return new Map([[prefix, node]]);
  return new Map(
    Object.entries(node as Record<string, unknown>).flatMap(([key, child]) => [
      ...leaves(child, prefix === '' ? key : `${prefix}.${key}`),
    ]),
  );
}

function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
}

const english = leaves(en);

describe.each(Object.entries(LOCALES))('locale %s', (_name, messages) => {
  const translated = leaves(messages);

  it('has every English key, and no other', () => {
    expect([...english.keys()].filter((key) => !translated.has(key))).toEqual([]);
    expect([...translated.keys()].filter((key) => !english.has(key))).toEqual([]);
  });

  it('uses the same placeholders as English in each message', () => {
    const differ = [...english].filter(
      ([key, message]) => placeholders(message).join() !== placeholders(translated.get(key) ?? '').join(),
    );
    expect(differ.map(([key]) => key)).toEqual([]);
  });

  it('leaves no message empty that English fills', () => {
    expect([...english].filter(([key, message]) => message !== '' && translated.get(key) === '')).toEqual([]);
  });

  it('uses vue-i18n syntax characters only as literals (`@` links messages, `|` selects plurals)', () => {
    const unescaped = [...translated].filter(([, message]) => /[@|]/.test(message.replace(/\{'[^']*'\}/g, '')));
    expect(unescaped).toEqual([]);
  });
});

describe('the completeness check itself', () => {
  it('notices a missing key', () => {
    const broken = structuredClone(es) as unknown as { card: { fields: Record<string, string> } };
    delete broken.card.fields['weightKg'];
    const keys = leaves(broken);
    expect([...english.keys()].filter((key) => !keys.has(key))).toEqual(['card.fields.weightKg']);
  });
});
