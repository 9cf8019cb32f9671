import { Button, Group, Kbd, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { PdfFile } from '../../../shared/api/documents';
import { printPdf, saveCopy } from './print';

/** Print and Save a copy for a PDF; Ctrl+P and Ctrl+S while it is shown, when `hotkeys`. */
export function PdfActions({
  file,
  hotkeys = false,
  size = 'sm',
}: {
  file: PdfFile | null;
  hotkeys?: boolean;
  size?: 'xs' | 'sm';
}) {
  const [progress, setProgress] = useState<string | null>(null);
  const print = async () => {
    if (!file || progress) return;
    setProgress('Preparing…');
    try {
      await printPdf(file, (done, total) =>
        setProgress(total > 3 ? `Preparing page ${done} of ${total}…` : 'Preparing…'),
      );
    } catch (error) {
      notifications.show({
        color: 'red',
        title: 'Printing failed',
        message: error instanceof Error ? error.message : 'The pages could not be prepared.',
      });
    } finally {
      setProgress(null);
    }
  };
  const save = () => {
    if (file) saveCopy(file);
  };
  useHotkeys(
    hotkeys
      ? [
          ['mod+P', () => void print()],
          ['mod+S', save],
        ]
      : [],
    [],
  );
  return (
    <Group gap="xs" wrap="nowrap">
      <Button
        size={size}
        onClick={() => void print()}
        disabled={!file}
        // not "loading": that disables the button and drops the keyboard focus to the page
        aria-busy={progress !== null}
        title={hotkeys ? 'Print (Ctrl+P)' : undefined}
      >
        Print
      </Button>
      {progress && (
        <Text size="xs" c="dimmed" role="status">
          {progress}
        </Text>
      )}
      <Button
        size={size}
        variant="default"
        onClick={save}
        disabled={!file}
        title={hotkeys ? 'Save a copy (Ctrl+S)' : undefined}
      >
        Save a copy
      </Button>
      {hotkeys && (
        <Text size="xs" c="dimmed" visibleFrom="md" style={{ whiteSpace: 'nowrap' }}>
          <Kbd size="xs">Ctrl+P</Kbd> print · <Kbd size="xs">Ctrl+S</Kbd> save
        </Text>
      )}
    </Group>
  );
}
