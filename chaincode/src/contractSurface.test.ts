import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contracts as medicalContracts, MedicalContract } from './medical';
import { contracts as reportContracts, ReportContract } from './report';
import { MEDICAL_ENDORSERS, REPORT_ENDORSERS } from './shared/endorsement';

// The deployable surface of each chaincode, read from the metadata fabric-contract-api builds from the decorators.
// This also proves that vitest's transformer honours experimentalDecorators and emitDecoratorMetadata: without them
// the metadata would be missing or lack parameter types.

interface TransactionMetadata {
  name: string;
  tag: string[];
  parameters?: { name: string; schema: { type: string } }[];
}

/** reflect-metadata's reader (loaded by fabric-contract-api; its typings are not part of this project). */
const metadata = Reflect as unknown as { getMetadata(key: string, target: object): unknown };

function transactionsOf(contract: object): TransactionMetadata[] {
  return metadata.getMetadata(
    'fabric:transactions',
    Object.getPrototypeOf(contract) as object,
  ) as TransactionMetadata[];
}

const MEDICAL_READS = [
  'ReadMedicalCard',
  'GetMedicalCardHistory',
  'ReadCardEntry',
  'GetCardEntryHistory',
  'ReadChild',
  'ReadAgreement',
  'ListMyChildren',
  'ListMyAgreements',
];
const REPORT_READS = [
  'ReadReport',
  'GetReadReceipts',
  'ListMyAdmissionRequests',
  'ListMyReportRequests',
  'ListMyReports',
  'ListDirectory',
];

describe('contract surface', () => {
  it('medical exposes exactly its transactions, with string parameters, and no helpers', () => {
    expect(medicalContracts).toEqual([MedicalContract]);
    const transactions = transactionsOf(new MedicalContract());
    const names = transactions.map((t) => t.name).sort();
    expect(names).toEqual(['Ping', ...Object.keys(MEDICAL_ENDORSERS), ...MEDICAL_READS].sort());
    const record = transactions.find((t) => t.name === 'RecordMeasurement');
    expect(record?.parameters?.map((p) => [p.name, p.schema.type])).toEqual([
      ['childId', 'string'],
      ['entryId', 'string'],
      ['entryJson', 'string'],
    ]);
    const params = (name: string): string[] | undefined =>
      transactions.find((t) => t.name === name)?.parameters?.map((p) => p.name);
    expect(params('GetMedicalCardHistory')).toEqual(['childId', 'pageSize', 'bookmark']);
    expect(params('GetCardEntryHistory')).toEqual(['childId', 'entryId', 'pageSize', 'bookmark']);
    expect(params('ListMyChildren')).toEqual(['pageSize', 'bookmark']);
    expect(params('ListMyAgreements')).toEqual(['pageSize', 'bookmark']);
    for (const name of MEDICAL_READS) expect(transactions.find((t) => t.name === name)?.tag).toContain('EVALUATE');
  });

  it('report exposes exactly its transactions and no helpers', () => {
    expect(reportContracts).toEqual([ReportContract]);
    const names = transactionsOf(new ReportContract())
      .map((t) => t.name)
      .sort();
    expect(names).toEqual(['Ping', ...Object.keys(REPORT_ENDORSERS), ...REPORT_READS].sort());
  });

  it('report directory transactions take their documented string parameters; ListDirectory is evaluated', () => {
    const transactions = transactionsOf(new ReportContract());
    const params = (name: string): string[][] | undefined =>
      transactions.find((t) => t.name === name)?.parameters?.map((p) => [p.name, p.schema.type]);
    expect(params('PublishDirectoryEntry')).toEqual([['displayName', 'string']]);
    expect(params('WithdrawDirectoryEntry') ?? []).toEqual([]);
    expect(params('ListDirectory')).toEqual([['kind', 'string']]);
    for (const list of ['ListMyAdmissionRequests', 'ListMyReportRequests', 'ListMyReports']) {
      expect(params(list)).toEqual([
        ['pageSize', 'string'],
        ['bookmark', 'string'],
      ]);
    }
    for (const name of REPORT_READS) expect(transactions.find((t) => t.name === name)?.tag).toContain('EVALUATE');
    expect(transactions.find((t) => t.name === 'PublishDirectoryEntry')?.tag).toContain('SUBMIT');
  });

  it('the two chaincodes share no transaction except Ping', () => {
    const medical = new Set(transactionsOf(new MedicalContract()).map((t) => t.name));
    const shared = transactionsOf(new ReportContract())
      .filter((t) => medical.has(t.name))
      .map((t) => t.name);
    expect(shared).toEqual(['Ping']);
  });
});

describe('determinism guard', () => {
  // Endorsers must compute identical results: no clocks, randomness, environment, I/O or cross-channel calls.
  const BANNED: [RegExp, string][] = [
    [/Date\.now\(/, 'Date.now()'],
    [/new Date\(\)/, 'new Date() without an argument'],
    [/Math\.random\(/, 'Math.random()'],
    [/randomUUID|randomBytes|getRandomValues/, 'crypto randomness'],
    [/process\.env/, 'process.env'],
    [/setTimeout|setInterval/, 'timers'],
    [/\bfetch\(|from 'node:(fs|http|https|child_process)'/, 'I/O'],
    [/invokeChaincode|getQueryResult/, 'cross-chaincode calls or rich queries'],
    [/getMspID\(/, "the peer's MSP id (differs per endorser)"],
    [/^(let|var) /m, 'module-level mutable state'],
    [/JSON\.stringify\((?!\{ channel)/, 'non-deterministic JSON (use toBytes/toJson)'],
  ];

  const files = readdirSync(__dirname, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.startsWith('testing'))
    .map((file) => path.join(__dirname, file));

  it.each(files.map((file) => [path.relative(__dirname, file), file]))(
    '%s uses no non-deterministic API',
    (_, file) => {
      const source = readFileSync(file, 'utf8');
      for (const [pattern, what] of BANNED) expect(source, what).not.toMatch(pattern);
    },
  );
});
