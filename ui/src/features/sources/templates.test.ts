import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { TEMPLATES, fileFromTemplate } from './templates';

// vitest runs from ui/.
const EXAMPLES = resolve(process.cwd(), '../examples');

describe('templates', () => {
  it('are the files in examples/templates, GitHub equal to the README example', () => {
    expect(TEMPLATES.map((t) => t.id)).toEqual(['blank', 'github', 'pokeapi']);
    const github = TEMPLATES.find((t) => t.id === 'github')!;
    const example = parse(readFileSync(resolve(EXAMPLES, 'github.yaml'), 'utf8')) as unknown;
    expect(github.document).toEqual(example);
    expect(github.text).toBe(readFileSync(resolve(EXAMPLES, 'templates/github.json'), 'utf8'));
  });

  it('open as a new unsaved file whose document can be edited without touching the template', () => {
    const t = TEMPLATES[0];
    const file = fileFromTemplate(t);
    expect(file.path).toBe('');
    (file.document.client as Record<string, unknown>).base_url = 'changed';
    expect((t.document.client as Record<string, unknown>).base_url).toBe('https://api.example.com/');
  });
});
