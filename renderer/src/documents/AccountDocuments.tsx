import { Anchor, Badge, Button, Group, Menu, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { DocumentKind, DocumentView } from '../../../shared/api/documents';
import { PATIENT_LETTER, type PatientLetter } from '../../../shared/api/patient-letters';
import { api } from '../app/api';
import { fieldErrors, invalidateAll, messageOf } from '../app/query';
import { Section } from '../components/Section';
import { QueryState } from '../components/States';
import { Timestamp, UsDate } from '../components/UsDate';
import { DocumentModal } from './DocumentModal';
import { EstateLetterModal, type RepresentativeForm } from './EstateLetterModal';
import { StatementOverrideModal } from './StatementOverrideModal';
import { useAccountDocuments } from './queries';

export const DOCUMENT_KIND_LABEL: Record<DocumentKind, string> = {
  appeal: 'Appeal',
  statement: 'Statement',
  letter: 'Letter',
  statement_run: 'Statement run',
};

/** Which document is open in the preview, by id and the title it was opened under. */
type Opened = { documentId: number; title: string; kind?: DocumentView['kind'] };

type Request =
  { what: 'itemized' } | { what: PatientLetter; representative?: RepresentativeForm | null };

/**
 * The letters and statements filed on the account, newest first as the server lists
 * them; any one opens again to print or save. "Statement" makes a new one on demand, and
 * "Letter" an itemized bill or a patient letter on the account's own figures.
 */
export function AccountDocuments({ accountId }: { accountId: number }) {
  const documents = useAccountDocuments(accountId);
  const [opened, setOpened] = useState<Opened | null>(null);
  const [estate, setEstate] = useState(false);
  const letter = useMutation({
    mutationFn: (r: Request) =>
      r.what === 'itemized'
        ? api.generateItemizedBill({ accountId })
        : api.generatePatientLetter({
            accountId,
            letter: r.what,
            ...(r.representative ? { representative: r.representative } : {}),
          }),
    onSuccess: async (doc) => {
      notifications.show({ color: 'green', message: `${doc.title} filed on the account.` });
      setEstate(false);
      setOpened({ documentId: doc.documentId, title: doc.title });
      await invalidateAll();
    },
    onError: (error, r) => {
      // the estate form shows its own error beside the fields
      if (r.what === 'estate-letter' && estate) return;
      notifications.show({ color: 'red', title: 'No letter was made', message: messageOf(error) });
    },
  });
  // the holds a supervisor may print past, as the server named them
  const [heldFor, setHeldFor] = useState<string | null>(null);
  const statement = useMutation({
    mutationFn: (override: string | null) => api.generateStatement({ accountId, override }),
    onSuccess: async (doc) => {
      notifications.show({ color: 'green', message: `${doc.title} filed on the account.` });
      setHeldFor(null);
      setOpened({ documentId: doc.documentId, title: doc.title });
      await invalidateAll();
    },
    onError: (error, override) => {
      if (override !== null) return; // the override form shows it
      if (fieldErrors(error).override) setHeldFor(messageOf(error));
      else
        notifications.show({
          color: 'red',
          title: 'No statement was made',
          message: messageOf(error),
        });
    },
  });

  let body;
  if (documents.isPending || documents.isError)
    body = <QueryState query={documents} what="the documents" />;
  else if (documents.data.length === 0)
    body = (
      <Text size="sm" c="dimmed">
        No letters or statements yet.
      </Text>
    );
  else body = <DocumentTable documents={documents.data} onOpen={setOpened} />;

  return (
    <Section
      title="Documents"
      id="documents-title"
      actions={
        <Group gap="xs">
          <Button
            size="compact-sm"
            variant="light"
            loading={statement.isPending}
            onClick={() => statement.mutate(null)}
            title="Make a patient statement for this account now and file it"
          >
            Statement
          </Button>
          <Menu position="bottom-end">
            <Menu.Target>
              <Button
                size="compact-sm"
                variant="light"
                loading={letter.isPending && !estate}
                title="Make an itemized bill or a letter to the patient and file it"
              >
                Letter
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => letter.mutate({ what: 'itemized' })}>
                Itemized bill
              </Menu.Item>
              <Menu.Divider />
              {PATIENT_LETTER.keys.map((k) => (
                <Menu.Item
                  key={k}
                  onClick={() => {
                    if (k === 'estate-letter') {
                      letter.reset();
                      setEstate(true);
                    } else letter.mutate({ what: k });
                  }}
                >
                  {PATIENT_LETTER.labels[k]}
                  {k === 'estate-letter' ? '…' : ''}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        </Group>
      }
    >
      {body}
      {estate && (
        <EstateLetterModal
          busy={letter.isPending}
          error={letter.error}
          errors={fieldErrors(letter.error)}
          onMake={(representative) => letter.mutate({ what: 'estate-letter', representative })}
          onClose={() => setEstate(false)}
        />
      )}
      {heldFor !== null && (
        <StatementOverrideModal
          holds={heldFor}
          busy={statement.isPending}
          error={statement.variables !== null ? statement.error : null}
          onPrint={(reason) => statement.mutate(reason)}
          onClose={() => {
            statement.reset();
            setHeldFor(null);
          }}
        />
      )}
      {opened && (
        <DocumentModal
          documentId={opened.documentId}
          title={opened.title}
          reproducible={opened.kind === 'appeal'}
          onClose={() => setOpened(null)}
        />
      )}
    </Section>
  );
}

function DocumentTable({
  documents,
  onOpen,
}: {
  documents: DocumentView[];
  onOpen: (opened: Opened) => void;
}) {
  return (
    <Table aria-label="Documents" withRowBorders={false}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>What</Table.Th>
          <Table.Th>Filed</Table.Th>
          <Table.Th>By</Table.Th>
          <Table.Th>Sent</Table.Th>
          <Table.Th ta="right">Pages</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {documents.map((d) => (
          <Table.Tr key={d.documentId}>
            <Table.Td>
              <Badge size="xs" variant="light" color="gray" tt="none" mr={6}>
                {DOCUMENT_KIND_LABEL[d.kind]}
              </Badge>
              {d.removedAt ? (
                <Text size="sm" c="dimmed" component="span">
                  {d.title} (file deleted at de-identification)
                </Text>
              ) : (
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  onClick={() => onOpen({ documentId: d.documentId, title: d.title, kind: d.kind })}
                  title="Open to read, print or save a copy"
                >
                  {d.title}
                </Anchor>
              )}
            </Table.Td>
            <Table.Td>
              <Timestamp value={d.createdAt} />
            </Table.Td>
            <Table.Td>{d.createdBy}</Table.Td>
            <Table.Td>
              {d.sentDate ? (
                <span title={d.sentBy ? `Marked sent by ${d.sentBy}` : undefined}>
                  <UsDate value={d.sentDate} />
                </span>
              ) : d.kind === 'appeal' || d.kind === 'letter' ? (
                <Text size="sm" c="dimmed" component="span">
                  Not sent
                </Text>
              ) : (
                <UsDate value={null} />
              )}
            </Table.Td>
            <Table.Td ta="right" className="tabular">
              {d.pages}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
