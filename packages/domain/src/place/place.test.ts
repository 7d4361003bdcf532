import { describe, expect, it } from 'vitest';
import { convention2022417 as c } from '../convention/conventions/2022-417.ts';
import { isPlaceAvailableOn, type Place, PlaceSchema, placesOf } from './place.ts';

const places = placesOf(c);
const ids = (list: Place[]) => list.map((p) => p.id.replace('2022-417-', ''));
const availableOn = (date: string) => places.filter((p) => isPlaceAvailableOn(p, date));
const range = (prefix: string, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${String(from + i).padStart(2, '0')}`);

describe('placesOf(convention 2022-417): one place per unit of capacity (art. 4, art. 11, rapport n°41)', () => {
  it('creates 23 places: 17 adult A01–A17 and 6 minor M01–M06', () => {
    expect(places).toHaveLength(23);
    expect(ids(places.filter((p) => p.category === 'adult'))).toEqual(range('A', 1, 17));
    expect(ids(places.filter((p) => p.category === 'minor'))).toEqual(range('M', 1, 6));
    expect(new Set(places.map((p) => p.id)).size).toBe(23);
  });

  it('every place is valid against PlaceSchema and belongs to the convention', () => {
    for (const place of places) {
      expect(PlaceSchema.parse(place)).toEqual(place);
      expect(place.conventionId).toBe('2022-417');
    }
  });

  it.each([
    { date: '2021-12-31', total: 0, adults: 0, minors: 0 },
    { date: '2022-01-01', total: 10, adults: 9, minors: 1 },
    { date: '2022-03-31', total: 10, adults: 9, minors: 1 },
    { date: '2022-04-01', total: 23, adults: 17, minors: 6 },
    { date: '2022-12-31', total: 23, adults: 17, minors: 6 },
  ])(
    'on $date: $total places available ($adults adult + $minors minor)',
    ({ date, total, adults, minors }) => {
      const open = availableOn(date);
      expect(open).toHaveLength(total);
      expect(open.filter((p) => p.category === 'adult')).toHaveLength(adults);
      expect(open.filter((p) => p.category === 'minor')).toHaveLength(minors);
    },
  );

  it('the first ten are A01–A09 and M01 from 2022-01-01; the Tremplins duo ones open on 2022-04-01', () => {
    expect(ids(availableOn('2022-01-01'))).toEqual([...range('A', 1, 9), 'M01']);
    const fromApril = places.filter((p) => p.availableFrom === '2022-04-01');
    expect(ids(fromApril)).toEqual([...range('A', 10, 17), ...range('M', 2, 6)]);
    expect(places.every((p) => p.availableUntil === null)).toBe(true);
  });

  it('assigns no apartment: the text does not say which place is in which apartment', () => {
    expect(places.every((p) => p.apartmentId === null)).toBe(true);
  });

  it.each([
    ['minor', 'accueil-et-relais'],
    ['adult', 'rencontres-et-loisirs'],
  ] as const)('%s places are operated by %s', (category, operator) => {
    const ofCategory = places.filter((p) => p.category === category);
    expect(ofCategory.length).toBeGreaterThan(0);
    expect(ofCategory.every((p) => p.operator === operator)).toBe(true);
  });

  it('is the same list on every call, in new objects', () => {
    const again = placesOf(c);
    expect(again).toEqual(places);
    expect(again[0]).not.toBe(places[0]);
  });
});

describe('placesOf with a shrinking capacity', () => {
  it('closes the most recently opened places the day before the smaller step', () => {
    const shrinking = {
      ...c,
      capacity: [
        { from: '2022-01-01', to: '2022-06-30', total: 5, adults: 4, minors: 1, articles: ['test'] },
        { from: '2022-07-01', to: null, total: 3, adults: 2, minors: 1, articles: ['test'] },
      ],
    };
    const list = placesOf(shrinking);
    expect(list.map((p) => [p.id, p.availableUntil])).toEqual([
      ['2022-417-A01', null],
      ['2022-417-A02', null],
      ['2022-417-A03', '2022-06-30'],
      ['2022-417-A04', '2022-06-30'],
      ['2022-417-M01', null],
    ]);
  });
});

describe('isPlaceAvailableOn', () => {
  const place: Place = {
    id: 'p',
    conventionId: '2022-417',
    category: 'adult',
    apartmentId: null,
    operator: 'rencontres-et-loisirs',
    availableFrom: '2022-04-01',
    availableUntil: '2022-06-30',
  };

  it.each([
    ['2022-03-31', false],
    ['2022-04-01', true],
    ['2022-06-30', true],
    ['2022-07-01', false],
  ])('a place open 2022-04-01 → 2022-06-30 (both included), on %s: %s', (date, expected) => {
    expect(isPlaceAvailableOn(place, date)).toBe(expected);
  });
});
