/**
 * A SHA-256 fingerprint as people read and compare it: groups of eight hex digits, so a
 * line can wrap between them ("3f9a0c51 d2e7…").
 */
export function spacedFingerprint(sha256: string): string {
  return sha256.match(/.{1,8}/g)?.join(' ') ?? sha256;
}

/** A file's size in words: "640 KB", "2.4 MB". */
export function fileSize(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
