import { isoDate } from '../../../shared/dates/iso-date';
import { composite, writeX12, type Element, type WriteOptions } from './write-835';

/*
 * 277 files for tests: claim acknowledgments (277CA, 005010X214) as clearinghouses send
 * them, each claim under a patient level (HL*..*PT), or claim status responses with the
 * claim under a subscriber level (HL*..*22). Status codes are written as `A7:21:85`.
 */

export interface Status277 {
  /** STC01 and its repeats (STC10, STC11), e.g. `['A7:21:85', 'A7:562:85']`. */
  codes: string[];
  /** STC12, the sender's free text. */
  message?: string;
}

export interface Claim277 {
  patientControlNumber: string;
  payerClaimNumber?: string;
  /** Defaults to `PT`; `22` puts the claim under a subscriber as a 277 response does. */
  level?: 'PT' | '22';
  status: Status277;
  charge?: string;
  lines?: { procedure: string; charge: string; status: Status277 }[];
}

export interface File277Options extends WriteOptions {
  /** Defaults to `005010X214`. */
  guide?: string;
  controlNumber?: string;
  /** The clearinghouse (`AY`) or payer (`PR`) at the top of the tree. */
  source?: { code: 'AY' | 'PR'; name: string };
  /** A status about the whole batch, at the information receiver. */
  receiverStatus?: Status277;
  /** Written as a second transaction in the same file when given. */
  moreClaims?: Claim277[];
}

interface Body {
  controlNumber: string;
  implementationReference: string | null;
  segments: Element[][];
}

export function file277(claims: readonly Claim277[], o: File277Options = {}): string {
  const guide = o.guide ?? '005010X214';
  const transactions: Body[] = [
    { controlNumber: '0001', implementationReference: guide, segments: [] },
  ];
  if (o.moreClaims) {
    transactions.push({ controlNumber: '0002', implementationReference: guide, segments: [] });
  }
  const bodies = [claims, o.moreClaims ?? []];
  const document = {
    interchanges: [
      {
        header: {
          senderQualifier: 'ZZ',
          senderId: 'CLEARHOUSE',
          receiverQualifier: 'ZZ',
          receiverId: 'CLAIMDESK',
          date: '260316',
          time: '0900',
          version: '00501',
          controlNumber: o.controlNumber ?? '000000277',
          acknowledgmentRequested: '0',
          usage: 'P',
        },
        groups: [
          {
            header: {
              functionalId: 'HN',
              senderCode: 'CLEARHOUSE',
              receiverCode: 'CLAIMDESK',
              date: isoDate('2026-03-16'),
              time: '0900',
              controlNumber: '277',
              agency: 'X',
              version: guide,
            },
            transactions,
          },
        ],
      },
    ],
  };
  return writeX12(
    document,
    '277',
    (t, d, body) => {
      const index = transactions.indexOf(t);
      body.push(...bodyOf(bodies[index] ?? [], o, (parts) => composite(parts.split(':'), d)));
    },
    o,
  );
}

function bodyOf(
  claims: readonly Claim277[],
  o: File277Options,
  code: (text: string) => Element,
): Element[][] {
  const source = o.source ?? { code: 'AY', name: 'FIRST CLEARINGHOUSE' };
  const stc = (s: Status277, date: string | null, action: string, charge?: string): Element[] => {
    const [first = '', ...more] = s.codes;
    return [
      'STC',
      code(first),
      date,
      action,
      charge ?? null,
      null,
      null,
      null,
      null,
      null,
      more[0] ? code(more[0]) : null,
      more[1] ? code(more[1]) : null,
      s.message ?? null,
    ];
  };
  const out: Element[][] = [
    ['BHT', '0085', '08', 'ACK0001', '20260316', '0900', 'TH'],
    ['HL', '1', null, '20', '1'],
    ['NM1', source.code, '2', source.name, null, null, null, null, '46', 'CH01'],
    ['TRN', '1', 'BATCH1'],
    ['HL', '2', '1', '21', '1'],
    ['NM1', '41', '2', 'GENERAL HOSPITAL', null, null, null, null, '46', 'S0001'],
    ['TRN', '2', 'SUBMISSION1'],
  ];
  if (o.receiverStatus) out.push(stc(o.receiverStatus, '20260316', 'U'));
  out.push(
    ['HL', '3', '2', '19', '1'],
    ['NM1', '85', '2', 'GENERAL HOSPITAL', null, null, null, null, 'XX', '1234567893'],
  );
  let hl = 3;
  claims.forEach((c, i) => {
    hl += 1;
    const level = c.level ?? 'PT';
    out.push(['HL', String(hl), '3', level, '0']);
    out.push([
      'NM1',
      level === 'PT' ? 'QC' : 'IL',
      '1',
      'PATIENT',
      `NUMBER${i + 1}`,
      null,
      null,
      null,
      'MI',
      `M${i + 1}`,
    ]);
    out.push(['TRN', '2', c.patientControlNumber]);
    const rejected = c.status.codes.some((s) =>
      ['A3', 'A4', 'A6', 'A7', 'A8'].includes(s.slice(0, 2)),
    );
    out.push(stc(c.status, '20260316', rejected ? 'U' : 'WQ', c.charge ?? '125'));
    if (c.payerClaimNumber) out.push(['REF', '1K', c.payerClaimNumber]);
    out.push(['DTP', '472', 'D8', '20260210']);
    for (const line of c.lines ?? []) {
      out.push(['SVC', code(`HC:${line.procedure}`), line.charge, null, null, null, null, '1']);
      out.push(stc(line.status, null, 'U'));
      out.push(['DTP', '472', 'D8', '20260210']);
    }
  });
  return out;
}
