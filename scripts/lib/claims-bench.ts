import { performance } from 'node:perf_hooks';
import { checkClaims, type CheckInput } from '../../lib/articles/claims/check';

/**
 * The claim checker's speed on the size issue #25 names: a 4,000-character article against five
 * source snapshots. Measured in-process, with no server; `npm run bench:claims` prints it and
 * `npm run bench` records it with the server's figures. Not a test: machines are noisy.
 */

export const CLAIMS_BUDGET_MS = 50;

const PARAGRAPHS = [
  '政府は2025年10月18日、台風による避難者が三万二千人に上ったと発表した[1]。',
  '被害額は約2兆円と見込まれ、前年の１．５倍にあたる[2]。',
  '米政府は7億ドルの追加支援を表明し、ゼレンスキー大統領は「長期的な平和の土台を築く」と述べた[3]。',
  '内閣支持率は３０％に下落し、令和7年度の補正予算案は午後3時に閣議決定された[4]。',
  '国連のグテーレス事務総長はNATOとG7に対し、10月18日までの停戦を求めた[5]。',
  '電力各社によると、約12万世帯で停電が続き、復旧には3日間かかる見通しだ。',
  '鉄道は東海道新幹線が一時運転を見合わせ、15:30に再開した。',
];

function articleOfLength(chars: number): CheckInput['sections'] {
  const sections: CheckInput['sections'] = [];
  let total = 0;
  for (let n = 0; total < chars; n += 1) {
    const body = Array.from({ length: 4 }, (_, i) => PARAGRAPHS[(n + i) % PARAGRAPHS.length]).join('\n\n');
    sections.push({ heading: `見出し${n + 1}`, body, cites: [(n % 5) + 1] });
    total += body.length;
  }
  return sections;
}

function snapshot(n: number): string {
  const lines = [
    '2025年10月18日 発表',
    '避難者は32,000人に達した。',
    '被害額は二兆円、前年の一・五倍。',
    '支援の総額は7億ドル。ゼレンスキー大統領は演説で「長期的な 平和の土台を築く」と語った。',
    '支持率は30%。令和7年度補正予算案は15時に決定。',
    'グテーレス事務総長はNATOとG7に呼びかけた。',
  ];
  const filler = '関係者によると、現地では復旧作業が続いており、交通機関の運行状況は地域によって異なる。';
  const out: string[] = [];
  for (let i = 0; out.join('\n').length < 15_000; i += 1)
    out.push(i % 7 === n ? lines[i % lines.length]! : `${filler}（${i}）`);
  return out.join('\n');
}

export type ClaimsBench = {
  articleChars: number;
  snapshots: number;
  snapshotChars: number;
  runs: number;
  medianMs: number;
  p95Ms: number;
  facts: number;
};

export function measureClaimsCheck(runs = 60): ClaimsBench {
  const sections = articleOfLength(4_000);
  const sources = Array.from({ length: 5 }, (_, i) => ({
    title: `資料${i + 1}`,
    url: `https://bench.example.jp/${i + 1}`,
  }));
  const input: CheckInput = {
    lead: PARAGRAPHS[0]!,
    sections,
    sources,
    snapshots: new Map(sources.map((source, i) => [source.url, snapshot(i)])),
  };
  let facts = 0;
  for (let i = 0; i < 5; i += 1) facts = checkClaims(input).length; // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    checkClaims(input);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return {
    articleChars: input.lead.length + sections.reduce((sum, section) => sum + section.body.length, 0),
    snapshots: sources.length,
    snapshotChars: [...input.snapshots.values()].reduce((sum, text) => sum + text.length, 0),
    runs,
    medianMs: round(times[Math.floor(runs / 2)]!),
    p95Ms: round(times[Math.floor(runs * 0.95)]!),
    facts,
  };
}

export function claimsBenchLine(bench: ClaimsBench | null | undefined): string {
  if (!bench)
    return `- claim check of a 4,000-character article against five snapshots ≤ ${CLAIMS_BUDGET_MS} ms: not measured`;
  return `- claim check of a ${bench.articleChars}-character article (${bench.facts} facts) against ${bench.snapshots} snapshots (${bench.snapshotChars} characters) ≤ ${CLAIMS_BUDGET_MS} ms: ${bench.p95Ms <= CLAIMS_BUDGET_MS ? 'met' : '**missed**'} (median ${bench.medianMs} ms, p95 ${bench.p95Ms} ms over ${bench.runs} runs)`;
}
