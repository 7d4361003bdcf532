import { describe, expect, it } from 'vitest';
import { editDistance, nearMiss } from './near-miss.ts';

describe('editDistance', () => {
  it.each([
    ['formation', 'formation', 0],
    ['formaton', 'formation', 1],
    ['resources', 'ressources', 1],
    ['asse', 'ase', 1],
    ['kitten', 'sitting', 3],
    ['', 'ase', 3],
  ])('%s ↔ %s = %i', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
    expect(editDistance(b, a)).toBe(expected);
  });

  it('stops above the maximum it is given', () => {
    expect(editDistance('dupont', 'formation', 2)).toBe(3);
  });
});

describe('nearMiss', () => {
  const known = ['ase', 'ancien-ase', 'formation', 'ressources', 'mds', 'mecs'];

  it.each([
    ['formaton', 'formation'],
    ['fromation', 'formation'],
    ['ancienase', 'ancien-ase'],
    ['as', 'ase'],
    ['mdss', 'mds'],
  ])('%s → %s', (word, expected) => {
    expect(nearMiss(word, known)).toBe(expected);
  });

  it.each([
    ['dupont', 'no known word is close'],
    ['jean', 'two edits from `ase`, and short words allow one'],
    ['0612345678', 'digits'],
    ['1234567a', 'a digit'],
    ['jean.dupont@example.org', 'signs'],
    ['formaton!', 'a sign'],
    ['formation', 'itself a known word'],
    ['', 'empty'],
  ])('%s → nothing (%s)', (word) => {
    expect(nearMiss(word, known)).toBeUndefined();
  });

  it('prefers the closest known word, then the first listed', () => {
    expect(nearMiss('formatio', ['formations', 'formation'])).toBe('formation');
    expect(nearMiss('mes', ['mds', 'mecs'])).toBe('mds');
    expect(nearMiss('mes', ['mecs', 'mds'])).toBe('mecs');
  });
});
