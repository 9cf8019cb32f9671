import { Alert, Box, Group, Loader, Text } from '@mantine/core';
import { useDebouncedValue, useElementSize } from '@mantine/hooks';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useEffect, useRef, useState } from 'react';
import type { PdfFile } from '../../../shared/api/documents';
import { openPdf, renderPage } from './pdf';
import './documents.css';

/** A long statement run is for printing; the preview shows its beginning. */
const MAX_PREVIEW_PAGES = 25;
const DESK_PADDING = 12;
/** Wider than this a letter page is no easier to read. */
const MAX_PAGE_WIDTH = 900;

interface Drawn {
  file: PdfFile;
  width: number;
  outcome: 'drawn' | 'failed';
  message: string;
}

/**
 * A PDF drawn page by page into canvases by pdf.js, fitted to the width it is given. The
 * same in the desktop window and in a test browser: no PDF plugin is involved.
 */
export function PdfPreview({
  file,
  label,
  maxHeight,
}: {
  file: PdfFile;
  /** Names the preview for screen readers and tests ("Preview of the appeal letter"). */
  label: string;
  maxHeight?: number | string;
}) {
  const { ref: deskRef, width: deskWidth } = useElementSize<HTMLDivElement>();
  // redraw only when the width settles, and not for a pixel or two of scroll bar
  const [settled] = useDebouncedValue(Math.floor(deskWidth / 16) * 16, 120);
  const width = Math.min(MAX_PAGE_WIDTH, settled - 2 * DESK_PADDING);
  const pagesRef = useRef<HTMLDivElement>(null);
  const [drawn, setDrawn] = useState<Drawn | null>(null);

  useEffect(() => {
    const host = pagesRef.current;
    if (!host || width <= 0) return;
    let stopped = false;
    let pdf: PDFDocumentProxy | null = null;
    void (async () => {
      try {
        pdf = await openPdf(file.pdfBase64);
        const count = Math.min(pdf.numPages, MAX_PREVIEW_PAGES);
        for (let n = 1; n <= count && !stopped; n++) {
          const canvas = document.createElement('canvas');
          canvas.setAttribute('role', 'img');
          canvas.setAttribute('aria-label', `Page ${n} of ${pdf.numPages}`);
          await renderPage(pdf, n, canvas, { fitWidth: width });
          if (stopped) return;
          // the previous pages stay until the new first page is ready: no blank flash
          if (n === 1) host.replaceChildren(canvas);
          else host.append(canvas);
        }
        if (!stopped) setDrawn({ file, width, outcome: 'drawn', message: '' });
      } catch (error) {
        if (stopped) return;
        host.replaceChildren();
        setDrawn({
          file,
          width,
          outcome: 'failed',
          message: error instanceof Error ? error.message : String(error),
        });
      }
    })();
    return () => {
      stopped = true;
      void pdf?.destroy();
    };
  }, [file, width]);

  const current = drawn && drawn.file === file && drawn.width === width ? drawn : null;
  const state = current ? current.outcome : 'drawing';
  return (
    <Box>
      <Group justify="space-between" mb={4} gap="xs">
        {/* a scan filed as it came has no page count of ours: 0, and none is said */}
        <Text size="xs" c="dimmed">
          {file.pages > 0 && `${file.pages} page${file.pages === 1 ? '' : 's'}`}
          {file.pages > MAX_PREVIEW_PAGES &&
            ` · showing the first ${MAX_PREVIEW_PAGES}; printing and saving take them all`}
        </Text>
        {state === 'drawing' && (
          <Group gap={6} role="status" aria-live="polite">
            <Loader size={12} />
            <Text size="xs" c="dimmed">
              Drawing the pages…
            </Text>
          </Group>
        )}
      </Group>
      {current?.outcome === 'failed' && (
        <Alert color="red" title="The preview could not be drawn" role="alert" mb="xs">
          {current.message} The document itself may still print or save.
        </Alert>
      )}
      <div
        ref={deskRef}
        className="pdf-desk"
        role="region"
        aria-label={label}
        aria-busy={state === 'drawing'}
        data-state={state}
        tabIndex={0}
        style={{ maxHeight, padding: DESK_PADDING }}
      >
        <div ref={pagesRef} className="pdf-pages" />
      </div>
    </Box>
  );
}
