/** What a call that must fail threw (a refused download or upload): the test reads its kind and message. */
export async function refusal(promise: Promise<unknown>): Promise<Error & { kind: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { kind: string };
  }
  throw new Error('expected a refusal, but the call succeeded');
}
