/** What the login and two-factor forms share: their input style and the message of a refusal. */
export const SIGN_IN_FIELD = 'mt-1 w-full rounded border border-rule bg-paper px-3 py-2';

export function FormProblem({ message }: { message?: string }) {
  return message ? (
    <p role="alert" className="rounded border border-danger bg-danger-soft p-3 text-sm text-danger">
      {message}
    </p>
  ) : null;
}
