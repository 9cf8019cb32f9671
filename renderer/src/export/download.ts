/**
 * Hands content to the person as a file to save. A link to a Blob works the same in the
 * app's window and in a browser, with no file system access from the screens.
 */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // the download has started reading the Blob by the time this runs
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function downloadText(
  fileName: string,
  text: string,
  type = 'text/csv;charset=utf-8',
): void {
  downloadBlob(fileName, new Blob([text], { type }));
}
