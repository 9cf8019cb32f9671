import { useQuery } from '@tanstack/react-query';
import { api } from '../app/api';

/** Query keys of the document screens; a write still invalidates everything (invalidateAll). */
export const documentKeys = {
  account: (accountId: number) => ['accountDocuments', accountId] as const,
  file: (documentId: number) => ['documentFile', documentId] as const,
  templates: ['templates'] as const,
  templateSource: (templateId: string, copyId: number | null) =>
    ['templateSource', templateId, copyId] as const,
  draft: (denialId: number, templateId: string | null) =>
    ['appealDraft', denialId, templateId] as const,
  statementCandidates: (filters: object) => ['statementCandidates', filters] as const,
  statementCandidateCount: (filters: object) => ['statementCandidateCount', filters] as const,
};

export function useAccountDocuments(accountId: number) {
  return useQuery({
    queryKey: documentKeys.account(accountId),
    queryFn: () => api.listAccountDocuments({ accountId }),
  });
}

/** A filed document's PDF; filed files do not change, so it is kept while the app runs. */
export function useDocumentFile(documentId: number | null) {
  return useQuery({
    queryKey: documentKeys.file(documentId ?? 0),
    queryFn: () => api.getDocumentFile({ documentId: documentId ?? 0 }),
    enabled: documentId !== null,
    staleTime: Infinity,
  });
}
