import type {
  Deadline,
  DeadlinesResponse,
  OccupancyResponse,
  PlacesResponse,
  PlaceView,
} from '../api-client.ts';

const APARTMENTS = [
  ['Oignies', '62637'],
  ['Hénin-Beaumont', '62427'],
  ['Libercourt', '62907'],
] as const;

/** 23 places in 14 apartments (17 adults, 6 minors), as from 2022-04-01; every third one occupied. */
export function placesFixture(asOf = '2022-06-01'): PlacesResponse {
  const places: PlaceView[] = [];
  for (let i = 0; i < 23; i++) {
    const apartment = i % 14;
    const [name, inseeCode] = APARTMENTS[apartment % 3] ?? APARTMENTS[0];
    const minor = i >= 17;
    const occupied = i % 3 === 0;
    places.push({
      id: `2022-417-${minor ? 'M' : 'A'}${String(minor ? i - 16 : i + 1).padStart(2, '0')}`,
      conventionId: '2022-417',
      category: minor ? 'minor' : 'adult',
      apartmentId: `apt-${String(apartment + 1).padStart(2, '0')}`,
      apartmentLabel: `Appartement ${apartment + 1}`,
      commune: { inseeCode, name },
      occupied,
      ...(occupied ? { occupiedBy: `ben_${i.toString(36).padStart(6, 'x')}` } : {}),
    });
  }
  return { asOf, places };
}

export function occupancyFixture(overrides: Partial<OccupancyResponse> = {}): OccupancyResponse {
  return {
    conventionId: '2022-417',
    period: { start: '2022-01-01', end: '2022-12-31' },
    asOf: '2022-06-01',
    days: 2_790,
    capacityDays: 7_225,
    rate: 0.3862,
    targetDays: 8_030,
    targetRate: 0.3474,
    projection: {
      days: 6_900,
      rate: 0.955,
      targetRate: 0.8593,
      basis:
        'Journées déjà réalisées, plus celles des séjours en cours jusqu’à leur fin prévue, sans nouvelle entrée.',
    },
    ...overrides,
  };
}

const KINDS = ['report_due', 'stay_ending', 'turns_18', 'turns_21'] as const;

export function deadline(i: number, overrides: Partial<Deadline> = {}): Deadline {
  const kind = KINDS[i % KINDS.length] ?? 'stay_ending';
  const day = String((i % 28) + 1).padStart(2, '0');
  const base: Deadline = {
    kind,
    dueOn: `2022-06-${day}`,
    label:
      kind === 'report_due'
        ? 'Compte rendu administratif et rapport d’activité'
        : kind === 'stay_ending'
          ? 'Fin prévue du séjour'
          : kind === 'turns_18'
            ? 'Majorité : passage en place majeur'
            : '21 ans : fin de l’âge d’accueil',
    articles: kind === 'report_due' ? ['art. 12'] : ['art. 6'],
  };
  if (kind !== 'report_due') {
    base.beneficiaryId = `ben_${String(i).padStart(6, '0')}`;
    base.stayId = `stay_${String(i).padStart(6, '0')}`;
    base.placeId = '2022-417-A01';
  }
  return { ...base, ...overrides };
}

export function deadlinesFixture(count: number, withinDays = 30): DeadlinesResponse {
  return {
    conventionId: '2022-417',
    asOf: '2022-06-01',
    withinDays,
    deadlines: Array.from({ length: count }, (_, i) => deadline(i)).sort((a, b) =>
      a.dueOn.localeCompare(b.dueOn),
    ),
  };
}
