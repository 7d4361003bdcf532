// `npm run summary -w @tremplins/domain`: prints what the domain package knows of each convention.
import {
  capacityDays,
  checkConsistency,
  type FindingSeverity,
  formatEuros,
  fundingBreakdown,
  listConventions,
  reportingDeadline,
  terminationEffectiveOn,
  todayInParis,
} from '../src/index.ts';

const mark: Record<FindingSeverity, string> = { info: 'ok  ', warning: 'WARN', error: 'ERR ' };

for (const c of listConventions()) {
  const year = Number(c.period.start.slice(0, 4));
  const funding = fundingBreakdown(c, year);
  console.log(`Convention n°${c.id} — ${c.programme}`);
  console.log(`  ${c.title}`);
  console.log(`  Délibération du ${c.deliberation.date} (${c.deliberation.body})`);
  console.log(`  Période : ${c.period.start} → ${c.period.end}`);
  console.log(`  Parties : ${c.parties.map((p) => `${p.name} (${p.role})`).join('; ')}`);
  console.log(
    `  Participation ${year} : ${formatEuros(funding.totalCents)} (base de proratisation : ${funding.basis})`,
  );
  for (const line of funding.components) {
    console.log(
      `    - ${line.label} : ${formatEuros(line.amountCents)} (${formatEuros(line.annualAmountCents)} / an)`,
    );
  }
  console.log(`  Budget de référence : ${formatEuros(c.funding.referenceBudgetCents)}`);
  for (const step of c.capacity) {
    console.log(
      `  Capacité à partir du ${step.from} : ${step.total} places (${step.adults} majeurs, ${step.minors} mineurs)`,
    );
  }
  console.log(
    `  Objectif d'activité : ${c.activityTarget.days} journées (${c.activityTarget.rate * 100} %), capacité offerte ${capacityDays(c, c.period)} journées`,
  );
  const report = reportingDeadline(c, year);
  console.log(`  Pièces ${year} dues le ${report.dueOn} (jour ouvré : ${report.extendedDueOn})`);
  const today = todayInParis();
  console.log(
    `  Résiliation notifiée aujourd'hui (${today}) : prendrait effet le ${terminationEffectiveOn(c, today)} (art. 17)`,
  );
  console.log('  Cohérence des chiffres :');
  for (const f of checkConsistency(c)) console.log(`    ${mark[f.severity]} ${f.id}: ${f.message}`);
}
