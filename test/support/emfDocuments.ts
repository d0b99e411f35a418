/**
 * Runs `act` with Powertools Metrics turned on and stdout captured, and returns what it returned (or
 * threw) with the EMF documents it printed, as CloudWatch would read them from the log.
 */
export async function withEmfDocuments(act: () => Promise<unknown>): Promise<{ outcome: unknown; documents: Record<string, unknown>[] }> {
  const previous = process.env.POWERTOOLS_METRICS_DISABLED;
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  const lines: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    const outcome = await act().catch((error: unknown) => error);
    const documents = lines.flatMap((line) => line.split('\n')).filter((line) => line.includes('"_aws"')).map((line) => JSON.parse(line) as Record<string, unknown>);
    return { outcome, documents };
  } finally {
    write.mockRestore();
    if (previous === undefined) delete process.env.POWERTOOLS_METRICS_DISABLED;
    else process.env.POWERTOOLS_METRICS_DISABLED = previous;
  }
}
