import { ActionIcon, Badge, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { Fragment, useState } from 'react';
import type { ClaimView, CoverageView } from '../../../shared/api/accounts';
import { CLAIM_STATUS } from '../../../shared/codes/enums';
import { Money } from '../components/Money';
import { Section } from '../components/Section';
import { EmptyState } from '../components/States';
import { UsDate } from '../components/UsDate';
import { noClaimsText } from './account-rules';

const STATUS_COLOR: Partial<Record<ClaimView['status'], string>> = {
  denied: 'red',
  partially_paid: 'orange',
  paid: 'green',
  appealed: 'violet',
  voided: 'gray',
};

/** Patient shares in blue, routine contractual write-downs in grey, denials in red. */
function adjustmentColor(a: ClaimView['adjustments'][number]): string {
  if (a.groupCode === 'PR') return 'blue';
  if (a.code === 'CO-45') return 'gray';
  return 'red';
}

const ROLE_LABEL: Record<ClaimView['providers'][number]['role'], string> = {
  attending: 'Attending',
  operating: 'Operating',
  rendering: 'Rendering',
  referring: 'Referring',
};

/** Diagnoses and providers as the claim file sent them; nothing for a claim made by hand. */
function ClaimFileFacts({ claim }: { claim: ClaimView }) {
  if (claim.diagnosisCodes.length === 0 && claim.providers.length === 0) return null;
  return (
    <Stack gap={2} aria-label={`Diagnoses and providers of claim ${claim.claimNumber}`}>
      {claim.diagnosisCodes.length > 0 && (
        <Text size="sm">Diagnoses: {claim.diagnosisCodes.join(', ')}</Text>
      )}
      {claim.providers.map((p) => (
        <Text size="sm" key={p.role}>
          {ROLE_LABEL[p.role]}: {p.name}
          {p.npi ? ` (NPI ${p.npi})` : ''}
        </Text>
      ))}
    </Stack>
  );
}

function ClaimDetail({ claim }: { claim: ClaimView }) {
  return (
    <Stack gap="xs" py="xs">
      <ClaimFileFacts claim={claim} />
      {claim.adjustments.length > 0 && (
        <Stack gap={2} aria-label="Adjustment and denial codes">
          {claim.adjustments.map((a, i) => (
            <Text size="sm" key={i}>
              <Badge size="sm" color={adjustmentColor(a)} variant="light" mr={6}>
                {a.code}
              </Badge>
              <Money value={a.amount} size="sm" /> — {a.description}{' '}
              <Text span size="xs" c="dimmed">
                ({a.groupDescription}
                {a.lineNumber ? `, line ${a.lineNumber}` : ''})
              </Text>
            </Text>
          ))}
          {claim.remarks.map((r, i) => (
            <Text size="sm" key={`r${i}`}>
              <Badge size="sm" color="gray" variant="light" mr={6}>
                {r.code}
              </Badge>
              {r.description}
            </Text>
          ))}
        </Stack>
      )}
      <Table aria-label={`Lines of claim ${claim.claimNumber}`} withRowBorders={false}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Line</Table.Th>
            <Table.Th>Date</Table.Th>
            <Table.Th>Rev</Table.Th>
            <Table.Th>Procedure</Table.Th>
            <Table.Th ta="right">Units</Table.Th>
            <Table.Th ta="right">Charge</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {claim.lines.map((l) => (
            <Table.Tr key={l.id}>
              <Table.Td>{l.lineNumber}</Table.Td>
              <Table.Td>
                <UsDate value={l.serviceDate} />
              </Table.Td>
              <Table.Td>{l.revenueCode ?? '—'}</Table.Td>
              <Table.Td>
                {l.procedureCode ?? '—'}
                {l.modifiers.length ? `-${l.modifiers.join('-')}` : ''}
              </Table.Td>
              <Table.Td ta="right" className="tabular">
                {l.units}
              </Table.Td>
              <Table.Td ta="right">
                <Money value={l.charge} size="sm" />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

export function ClaimsCard({
  claims,
  coverages,
}: {
  claims: ClaimView[];
  coverages: CoverageView[];
}) {
  const [open, setOpen] = useState<Set<number>>(
    () =>
      new Set(
        claims
          .filter((c) => c.adjustments.some((a) => a.groupCode !== 'CO' || a.reasonCode !== '45'))
          .map((c) => c.id),
      ),
  );
  const toggle = (id: number) =>
    setOpen((s) => new Set(s.has(id) ? [...s].filter((x) => x !== id) : [...s, id]));
  return (
    <Section
      title="Claims"
      id="claims-title"
      actions={
        <Group gap="xs">
          {coverages.map((c) => (
            <Text key={c.id} size="xs" c="dimmed">
              {c.priority === 1
                ? 'Primary'
                : c.priority === 2
                  ? 'Secondary'
                  : `Coverage ${c.priority}`}
              : {c.payerName} · member {c.memberId}
              {c.groupNumber ? ` · group ${c.groupNumber}` : ''}
            </Text>
          ))}
        </Group>
      }
    >
      {claims.length === 0 ? (
        <EmptyState title="No claims on this account">{noClaimsText(coverages)}</EmptyState>
      ) : (
        <Table aria-label="Claims" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={28}>
                <VisuallyHidden>Details</VisuallyHidden>
              </Table.Th>
              <Table.Th>Claim</Table.Th>
              <Table.Th>Payer</Table.Th>
              <Table.Th>Billed</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th ta="right">Charge</Table.Th>
              <Table.Th ta="right">Paid</Table.Th>
              <Table.Th ta="right">Ins. balance</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {claims.map((c) => (
              <Fragment key={c.id}>
                <Table.Tr>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      size="sm"
                      onClick={() => toggle(c.id)}
                      aria-expanded={open.has(c.id)}
                      aria-label={`${open.has(c.id) ? 'Hide' : 'Show'} details of claim ${c.claimNumber}`}
                    >
                      {open.has(c.id) ? '▾' : '▸'}
                    </ActionIcon>
                  </Table.Td>
                  <Table.Td className="tabular">
                    {c.claimNumber}
                    {c.payerClaimNumber && (
                      <Text size="xs" c="dimmed">
                        payer # {c.payerClaimNumber}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{c.payerName}</Table.Td>
                  <Table.Td>
                    <UsDate value={c.billedDate} />
                  </Table.Td>
                  <Table.Td>
                    <Badge
                      size="sm"
                      variant="light"
                      color={STATUS_COLOR[c.status] ?? 'blue'}
                      // the status must read in full even where a long payer name crowds it
                      style={{ minWidth: 'max-content' }}
                    >
                      {CLAIM_STATUS.labels[c.status]}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Money value={c.totalCharge} size="sm" />
                  </Table.Td>
                  <Table.Td ta="right">
                    <Money value={c.paid} size="sm" />
                  </Table.Td>
                  <Table.Td ta="right">
                    <Money value={c.balance} size="sm" />
                  </Table.Td>
                </Table.Tr>
                {open.has(c.id) && (
                  <Table.Tr>
                    <Table.Td />
                    <Table.Td colSpan={7}>
                      <ClaimDetail claim={c} />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}
