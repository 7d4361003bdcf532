import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths } from '../calendar.ts';
import { DomainError } from '../errors.ts';
import { euros, formatEuros } from '../money.ts';
import { convention2022417 as c } from './conventions/2022-417.ts';
import { componentPeriod, fundingBreakdown, prorate } from './funding.ts';
import type { Convention } from './schema.ts';

const DUO = euros(132_000);
const TREMPLINS = euros(98_000);
const eur = (cents: number) => formatEuros(cents, { plainSpaces: true });

describe('the 197 000 € of 2022 (délibération art. 1, art. 9, rapport n°41)', () => {
  it('by months: 98 000 € (full year) + 132 000 € × 9/12 = 99 000 € make 197 000 €', () => {
    const tremplins = prorate(TREMPLINS, { start: '2022-01-01', end: '2022-12-31' }, 'months');
    const duo = prorate(DUO, { start: '2022-04-01', end: '2022-12-31' }, 'months');
    expect(eur(tremplins)).toBe('98 000,00 €');
    expect(eur(duo)).toBe('99 000,00 €');
    expect(eur(tremplins + duo)).toBe('197 000,00 €');
    expect(tremplins + duo).toBe(c.funding.totalCents);
  });

  it('by days it would be 132 000 € × 275/365 = 99 452,05 €, total 197 452,05 €: not the text, so months is the basis', () => {
    const tremplins = prorate(TREMPLINS, { start: '2022-01-01', end: '2022-12-31' }, 'days');
    const duo = prorate(DUO, { start: '2022-04-01', end: '2022-12-31' }, 'days');
    expect(eur(duo)).toBe('99 452,05 €');
    expect(eur(tremplins + duo)).toBe('197 452,05 €');
    expect(tremplins + duo).not.toBe(c.funding.totalCents);
    expect(c.funding.prorationBasis).toBe('months');
  });
});

describe('prorate on the months basis (each whole month 1/12, a partial month its days over the month’s days)', () => {
  it.each([
    // FACTS.md §5: termination effective 15 Sep 2022 on the 132 000 € line = 5 months + 15/30.
    { annual: DUO, start: '2022-04-01', end: '2022-09-15', text: '60 500,00 €', why: '5 months + 15/30' },
    {
      annual: DUO,
      start: '2022-04-16',
      end: '2022-12-31',
      text: '93 500,00 €',
      why: '15/30 of April + 8 months',
    },
    { annual: DUO, start: '2022-04-01', end: '2022-12-31', text: '99 000,00 €', why: '9 months' },
    { annual: DUO, start: '2022-01-01', end: '2022-03-31', text: '33 000,00 €', why: '3 months' },
    {
      annual: DUO,
      start: '2022-02-01',
      end: '2022-02-01',
      text: '392,86 €',
      why: 'one day = 1/28 of a month',
    },
    {
      annual: DUO,
      start: '2024-02-01',
      end: '2024-02-01',
      text: '379,31 €',
      why: 'one day of a leap February = 1/29',
    },
    { annual: DUO, start: '2022-02-01', end: '2022-02-28', text: '11 000,00 €', why: 'all of February 2022' },
    {
      annual: DUO,
      start: '2024-02-01',
      end: '2024-02-29',
      text: '11 000,00 €',
      why: 'all of February 2024 (leap)',
    },
    {
      annual: DUO,
      start: '2024-02-01',
      end: '2024-02-28',
      text: '10 620,69 €',
      why: '28/29 of February 2024',
    },
    {
      annual: DUO,
      start: '2022-01-31',
      end: '2022-02-01',
      text: '747,70 €',
      why: '1/31 of January + 1/28 of February',
    },
    { annual: TREMPLINS, start: '2022-01-01', end: '2022-12-31', text: '98 000,00 €', why: 'the full year' },
    {
      annual: DUO,
      start: '2022-07-01',
      end: '2023-06-30',
      text: '132 000,00 €',
      why: '12 months across years',
    },
  ])('$start → $end: $text ($why)', ({ annual, start, end, text }) => {
    expect(eur(prorate(annual, { start, end }, 'months'))).toBe(text);
  });
});

describe('prorate on the days basis (each day 1/365, or 1/366 in a leap year)', () => {
  it.each([
    // FACTS.md §5: 168 days of 2022.
    { start: '2022-04-01', end: '2022-09-15', text: '60 756,16 €', why: '168/365' },
    { start: '2022-04-01', end: '2022-12-31', text: '99 452,05 €', why: '275/365' },
    { start: '2022-01-01', end: '2022-12-31', text: '132 000,00 €', why: '365/365' },
    { start: '2024-01-01', end: '2024-12-31', text: '132 000,00 €', why: '366/366' },
    { start: '2022-06-01', end: '2022-06-01', text: '361,64 €', why: '1/365' },
    { start: '2024-06-01', end: '2024-06-01', text: '360,66 €', why: '1/366' },
    { start: '2023-12-01', end: '2024-01-31', text: '22 391,29 €', why: '31/365 of 2023 + 31/366 of 2024' },
    { start: '2023-07-01', end: '2024-06-30', text: '132 181,81 €', why: '184/365 + 182/366' },
  ])('$start → $end: $text ($why)', ({ start, end, text }) => {
    expect(eur(prorate(DUO, { start, end }, 'days'))).toBe(text);
  });
});

describe('rounding happens once, at the end', () => {
  it.each([
    // 98 000 € / 12 = 8 166,666… € a month: per-month rounding would give 12 × 8 166,67 € = 98 000,04 €.
    {
      annual: TREMPLINS,
      start: '2022-01-01',
      end: '2022-12-31',
      once: '98 000,00 €',
      perMonth: '98 000,04 €',
    },
    // 1 000 € / 12 = 83,333… €: three rounded months would give 249,99 €.
    { annual: euros(1_000), start: '2022-01-01', end: '2022-03-31', once: '250,00 €', perMonth: '249,99 €' },
  ])('$start → $end of $annual cents: $once, not $perMonth', ({ annual, start, end, once, perMonth }) => {
    let roundedEachMonth = 0;
    for (let month = start; month <= end; month = addMonths(month, 1)) {
      roundedEachMonth += prorate(annual, { start: month, end: addDays(addMonths(month, 1), -1) }, 'months');
    }
    expect(eur(roundedEachMonth)).toBe(perMonth);
    expect(eur(prorate(annual, { start, end }, 'months'))).toBe(once);
  });
});

describe('edge periods', () => {
  it.each(['months', 'days'] as const)('a start after the end gives 0 on the %s basis', (basis) => {
    expect(prorate(DUO, { start: '2022-09-16', end: '2022-09-15' }, basis)).toBe(0);
  });

  it.each(['months', 'days'] as const)('a zero annual amount gives 0 on the %s basis', (basis) => {
    expect(prorate(0, { start: '2022-01-01', end: '2022-12-31' }, basis)).toBe(0);
  });
});

describe('fundingBreakdown', () => {
  it('2022 (the default year): each component, its period and its amount, as the text declares', () => {
    const breakdown = fundingBreakdown(c);
    expect(fundingBreakdown(c, 2022)).toEqual(breakdown);
    expect(breakdown).toMatchObject({
      conventionId: '2022-417',
      year: 2022,
      basis: 'months',
      totalCents: euros(197_000),
      declaredTotalCents: euros(197_000),
    });
    expect(
      breakdown.components.map(({ id, period, amountCents, declaredAmountCents }) => ({
        id,
        period,
        amountCents,
        declaredAmountCents,
      })),
    ).toEqual([
      {
        id: 'tremplins',
        period: { start: '2022-01-01', end: '2022-12-31' },
        amountCents: euros(98_000),
        declaredAmountCents: euros(98_000),
      },
      {
        id: 'tremplins-duo',
        period: { start: '2022-04-01', end: '2022-12-31' },
        amountCents: euros(99_000),
        declaredAmountCents: euros(99_000),
      },
    ]);
    for (const line of breakdown.components) expect(line.articles).toContain('rapport n°41');
  });

  it.each([2021, 2023])('%d is outside the period: components with a null period and 0', (year) => {
    const breakdown = fundingBreakdown(c, year);
    expect(breakdown.year).toBe(year);
    expect(breakdown.components.map((l) => [l.id, l.period, l.amountCents])).toEqual([
      ['tremplins', null, 0],
      ['tremplins-duo', null, 0],
    ]);
    expect(breakdown.totalCents).toBe(0);
    expect(breakdown.declaredTotalCents).toBe(euros(197_000));
  });

  it('the same convention on the days basis would not give the declared 197 000 €', () => {
    const byDays: Convention = { ...c, funding: { ...c.funding, prorationBasis: 'days' } };
    expect(fundingBreakdown(byDays).totalCents).toBe(euros(197_452.05));
  });

  it('refuses a year that is not whole, naming year', () => {
    expect(() => fundingBreakdown(c, 2022.5)).toThrow(DomainError);
    expect(() => fundingBreakdown(c, 2022.5)).toThrow(/year/);
  });

  it.each([
    ['2022-04-01', 2022, { start: '2022-04-01', end: '2022-12-31' }],
    ['2022-01-01', 2022, { start: '2022-01-01', end: '2022-12-31' }],
    ['2022-04-01', 2023, null],
  ] as const)('componentPeriod(startsOn %s, %d)', (startsOn, year, expected) => {
    expect(componentPeriod(c, startsOn, year)).toEqual(expected);
  });
});

describe('properties', () => {
  const day2022 = fc.integer({ min: 0, max: 364 }).map((n) => addDays('2022-01-01', n));
  const amount = fc.integer({ min: 0, max: 100_000_000_00 });
  const basis = fc.constantFrom('months' as const, 'days' as const);

  it('splitting a period at any day changes the sum by at most 1 cent', () => {
    fc.assert(
      fc.property(amount, basis, day2022, day2022, day2022, (a, b, x, y, z) => {
        const [s, d, e] = [x, y, z].sort();
        if (s === undefined || d === undefined || e === undefined || s === d) return;
        const whole = prorate(a, { start: s, end: e }, b);
        const parts = prorate(a, { start: s, end: addDays(d, -1) }, b) + prorate(a, { start: d, end: e }, b);
        expect(Math.abs(parts - whole)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('the full year 2022 gives the annual amount on both bases', () => {
    fc.assert(
      fc.property(amount, basis, (a, b) => {
        expect(prorate(a, { start: '2022-01-01', end: '2022-12-31' }, b)).toBe(a);
      }),
    );
  });

  it('any full calendar year, leap or not, gives the annual amount on both bases', () => {
    fc.assert(
      fc.property(amount, basis, fc.integer({ min: 2000, max: 2100 }), (a, b, year) => {
        expect(prorate(a, { start: `${year}-01-01`, end: `${year}-12-31` }, b)).toBe(a);
      }),
      { numRuns: 200 },
    );
  });
});
