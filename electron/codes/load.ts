import { createHash } from 'node:crypto';
import type { ParsedInputOf } from '../../shared/api/contract';
import {
  CODE_KINDS,
  type CodeListLoadResult,
  type CodeListLoadView,
  type CodeListPreview,
  type CodeListsView,
} from '../../shared/api/codes';
import { invalid } from '../../shared/api/errors';
import {
  CODE_KIND_LABEL,
  diffCodeList,
  readCodeList,
  type CodeEntry,
  type CodeKind,
} from '../../shared/codes/code-list';
import { reasonRule } from '../../shared/codes/reason-rules';
import { formatUsDate, type IsoDate } from '../../shared/dates/iso-date';
import type { Ctx, ReadCtx } from '../core/context';
import type { ReadDb } from '../db/open';
import { all, one, prepare, run } from '../db/query';
import { isSupervisor } from '../users/users';
import { codeTable } from './table';

type FileInput = ParsedInputOf<'loadCodeList'>;

/** A few codes of each kind of change are shown; the counts cover them all. */
const SAMPLE = 12;

const LOAD_SQL = `SELECT l.id, l.kind, l.published, l.file_name AS fileName, l.code_count AS codeCount,
    l.added, l.changed, l.stopped, l.loaded_at AS loadedAt, u.display_name AS byName
  FROM code_list_loads l JOIN users u ON u.id = l.loaded_by`;

function loads(db: ReadDb): CodeListLoadView[] {
  return all<CodeListLoadView>(db, `${LOAD_SQL} ORDER BY l.id DESC`);
}

/** The list in effect for a kind: the latest published, the latest loaded among equals. */
function latestLoad(db: ReadDb, kind: CodeKind): CodeListLoadView | undefined {
  return one<CodeListLoadView>(
    db,
    `${LOAD_SQL} WHERE l.kind = ? ORDER BY l.published DESC, l.id DESC LIMIT 1`,
    kind,
  );
}

export function getCodeLists(ctx: ReadCtx): CodeListsView {
  const table = codeTable(ctx.db);
  return {
    lists: CODE_KINDS.map((kind) => ({
      kind,
      label: CODE_KIND_LABEL[kind],
      inEffect: table[kind].size,
      loaded: table.loaded[kind],
      latest: latestLoad(ctx.db, kind) ?? null,
    })),
    history: loads(ctx.db),
    canLoad: isSupervisor(ctx.db, ctx.userId),
  };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface Assessment {
  preview: CodeListPreview;
  entries: CodeEntry[];
  sha: string;
}

/** Everything a load would do, decided before anything is written. */
function assess(db: ReadDb, input: FileInput): Assessment {
  const { kind, published, fileName, text } = input;
  const sha = sha256(text);
  const base: CodeListPreview = {
    kind,
    published,
    fileName,
    problems: [],
    codeCount: 0,
    added: 0,
    changed: 0,
    stopped: 0,
    unchanged: 0,
    notInFile: 0,
    samples: { added: [], changed: [], stopped: [] },
    uncategorized: [],
    alreadyLoaded: null,
    newerLoaded: null,
  };
  const reading = readCodeList(text, kind);
  if (!reading.ok) return { preview: { ...base, problems: reading.problems }, entries: [], sha };
  const diff = diffCodeList(codeTable(db)[kind], reading.entries);
  const same = one<{ loadedAt: string; byName: string }>(
    db,
    `SELECT l.loaded_at AS loadedAt, u.display_name AS byName
       FROM code_list_loads l JOIN users u ON u.id = l.loaded_by
       WHERE l.kind = ? AND l.sha256 = ? ORDER BY l.id LIMIT 1`,
    kind,
    sha,
  );
  const latest = latestLoad(db, kind);
  const uncategorized =
    kind === 'reason'
      ? reading.entries
          .filter((e) => reasonRule(e.code, e.description).by === 'none')
          .map((e) => e.code)
      : [];
  return {
    entries: reading.entries,
    sha,
    preview: {
      ...base,
      codeCount: reading.entries.length,
      added: diff.added.length,
      changed: diff.changed.length,
      stopped: diff.stopped.length,
      unchanged: diff.unchanged,
      notInFile: diff.notInFile.length,
      samples: {
        added: diff.added.slice(0, SAMPLE),
        changed: diff.changed.slice(0, SAMPLE),
        stopped: diff.stopped.slice(0, SAMPLE),
      },
      uncategorized,
      alreadyLoaded: same ?? null,
      newerLoaded: latest && latest.published > published ? { published: latest.published } : null,
    },
  };
}

export function previewCodeList(ctx: ReadCtx, input: FileInput): CodeListPreview {
  return assess(ctx.db, input).preview;
}

const listName = (kind: CodeKind) => (kind === 'reason' ? 'reason code' : 'remark code');

/**
 * Loads a published list over the codes in effect, all or nothing: a file with any
 * problem is refused whole; the same file again, or one that changes no code, writes
 * nothing; a list older than the one in effect is refused, so the newer list wins.
 * Codes in effect that the file does not list are kept: a remittance may still carry them.
 */
export function loadCodeList(ctx: Ctx, input: FileInput): CodeListLoadResult {
  const { preview, entries, sha } = assess(ctx.db, input);
  const name = listName(input.kind);
  if (preview.problems.length > 0) {
    throw invalid(
      `The ${name} list was not loaded; nothing was changed. ${preview.problems.join(' ')}`,
      'text',
    );
  }
  if (preview.newerLoaded) {
    throw invalid(
      `The ${name} list in effect was published ${formatUsDate(preview.newerLoaded.published)}, ` +
        `after this one (${formatUsDate(input.published)}); the older list was not loaded.`,
      'published',
    );
  }
  const nothingNew = preview.added + preview.changed + preview.stopped === 0;
  if (preview.alreadyLoaded || nothingNew) {
    return {
      loaded: false,
      message: preview.alreadyLoaded
        ? `This file was already loaded on ${formatUsDate(preview.alreadyLoaded.loadedAt.slice(0, 10) as IsoDate)} by ${preview.alreadyLoaded.byName}; nothing was changed.`
        : `Every code in this file is already in effect as the file says; nothing was changed.`,
      lists: getCodeLists(ctx),
    };
  }
  const loadId = Number(
    run(
      ctx.db,
      `INSERT INTO code_list_loads (kind, published, file_name, sha256, code_count, added,
           changed, stopped, loaded_at, loaded_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      input.kind,
      input.published,
      input.fileName,
      sha,
      entries.length,
      preview.added,
      preview.changed,
      preview.stopped,
      ctx.clock.now(),
      ctx.userId,
    ).lastInsertRowid,
  );
  const upsert = prepare(
    ctx.db,
    `INSERT INTO code_list_entries (kind, code, description, start_date, last_modified,
         stop_date, load_id) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (kind, code) DO UPDATE SET description = excluded.description,
         start_date = excluded.start_date, last_modified = excluded.last_modified,
         stop_date = excluded.stop_date, load_id = excluded.load_id`,
  );
  for (const e of entries)
    upsert.run(input.kind, e.code, e.description, e.startDate, e.lastModified, e.stopDate, loadId);
  return {
    loaded: true,
    message:
      `Loaded the ${name} list published ${formatUsDate(input.published)}: ${preview.added} added, ` +
      `${preview.changed} changed, ${preview.stopped} stopped, ${preview.unchanged} unchanged.`,
    lists: getCodeLists(ctx),
  };
}
