import {
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Modal,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { TemplateSummary } from '../../../shared/api/templates';
import { api } from '../app/api';
import { fieldErrors, messageOf, queryClient } from '../app/query';
import { navigate } from '../app/router';
import { FormError } from '../components/FormError';
import { EmptyState, ErrorState, LoadingState, QueryState } from '../components/States';
import { useKeepEscape } from '../documents/keep-escape';
import { documentKeys } from '../documents/queries';
import { inUseName, KIND_LABEL, TemplateList } from './TemplateList';
import { TemplateWorkbench } from './TemplateWorkbench';

function templatesPath(templateId: string, copyId: number | null): string {
  const params = new URLSearchParams({ template: templateId });
  if (copyId !== null) params.set('copy', String(copyId));
  return `/templates?${params.toString()}`;
}

function CopyModal({ summary, onClose }: { summary: TemplateSummary; onClose: () => void }) {
  useKeepEscape();
  const [name, setName] = useState(`${summary.title} (office wording)`.slice(0, 80));
  const copy = useMutation({
    mutationFn: () => api.copyTemplate({ templateId: summary.templateId, name }),
    onSuccess: async (source) => {
      queryClient.setQueryData(
        documentKeys.templateSource(source.templateId, source.copyId),
        source,
      );
      notifications.show({ color: 'green', message: `${source.name} made; edit it here.` });
      await queryClient.invalidateQueries({ queryKey: documentKeys.templates });
      onClose();
      navigate(templatesPath(source.templateId, source.copyId));
    },
  });
  const errors = fieldErrors(copy.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    copy.mutate();
  };
  return (
    <Modal opened onClose={onClose} title="Make a copy to edit" size="md">
      <form onSubmit={submit} noValidate aria-label="Make a copy">
        <Stack gap="sm">
          <Text size="sm">
            The copy starts as the shipped text of <b>{summary.title}</b>. The shipped text stays as
            it is; the copy is used only once you choose it.
          </Text>
          <TextInput
            label="Name of the copy"
            required
            data-autofocus
            maxLength={80}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
          />
          <FormError error={copy.error} fields={['name']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={copy.isPending}>
              Make a copy
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function TemplateDetail({ summary, copyId }: { summary: TemplateSummary; copyId: number | null }) {
  const [copying, setCopying] = useState(false);
  const source = useQuery({
    queryKey: documentKeys.templateSource(summary.templateId, copyId),
    queryFn: () => api.getTemplateSource({ templateId: summary.templateId, copyId }),
  });
  return (
    <Stack gap="sm">
      <Stack gap={2}>
        <Group gap="xs" align="baseline">
          <Title order={3} size="h4">
            {summary.title}
          </Title>
          <Badge size="sm" variant="outline" color="gray" tt="none">
            {KIND_LABEL[summary.kind]}
          </Badge>
          {summary.level && (
            <Badge size="sm" variant="outline" color="gray" tt="none">
              {summary.level === 1 ? 'First level' : 'Second level'}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {summary.description}
        </Text>
        <Text size="sm">
          In use: <b>{inUseName(summary)}</b>
          {summary.categories.length > 0 && (
            <Text span size="sm" c="dimmed">
              {' '}
              · fits {summary.categories.join(', ').replaceAll('-', ' ')}
            </Text>
          )}
        </Text>
      </Stack>
      {source.isPending ? (
        <LoadingState label="Opening the template…" />
      ) : source.isError ? (
        <ErrorState
          title="The template could not be opened"
          message={messageOf(source.error)}
          onRetry={() => void source.refetch()}
        />
      ) : (
        <TemplateWorkbench
          key={`${summary.templateId}:${copyId ?? 'shipped'}`}
          summary={summary}
          source={source.data}
          onMakeCopy={() => setCopying(true)}
        />
      )}
      {copying && <CopyModal summary={summary} onClose={() => setCopying(false)} />}
    </Stack>
  );
}

/**
 * Letter and statement templates. Anyone may read them; a supervisor makes an office copy
 * of a shipped text, edits it with a live preview and puts it in use. Shipped texts are
 * never overwritten, and a copy with errors cannot be put in use.
 */
export function TemplatesScreen({ params }: { params: URLSearchParams }) {
  const templates = useQuery({
    queryKey: documentKeys.templates,
    queryFn: () => api.listTemplates({}),
  });
  const templateId = params.get('template');
  const copyParam = Number(params.get('copy'));
  const copyId = Number.isInteger(copyParam) && copyParam > 0 ? copyParam : null;

  let body;
  if (templates.isPending || templates.isError)
    body = <QueryState query={templates} what="the templates" />;
  else {
    const list = templates.data;
    const summary = list.find((t) => t.templateId === templateId);
    body = (
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4, xl: 3 }}>
          <Paper withBorder radius="sm" p="xs">
            <TemplateList
              templates={list}
              templateId={summary ? summary.templateId : null}
              copyId={copyId}
              onSelect={(id, copy) => navigate(templatesPath(id, copy))}
            />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8, xl: 9 }}>
          <Paper withBorder radius="sm" p="sm">
            {summary ? (
              <TemplateDetail key={summary.templateId} summary={summary} copyId={copyId} />
            ) : (
              <EmptyState title={templateId ? 'No such template' : 'Choose a template'}>
                Pick a template on the left to read its text and see it printed on sample data.
              </EmptyState>
            )}
          </Paper>
        </Grid.Col>
      </Grid>
    );
  }

  return (
    <Stack gap="sm">
      <div>
        <Title order={2} size="h3">
          Templates
        </Title>
        <Text size="sm" c="dimmed">
          The wording of letters and statements. Supervisors copy a shipped text to change it; the
          copy is used once they choose it. The letterhead, telephone and office hours come from the{' '}
          <Anchor href="#/settings?tab=facility" size="sm">
            facility details
          </Anchor>
          .
        </Text>
      </div>
      {body}
    </Stack>
  );
}
