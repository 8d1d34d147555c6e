/** What the login and two-factor forms share: their input style and the message of a refusal. */
export const SIGN_IN_FIELD = 'mt-1 w-full rounded border border-rule bg-paper px-3 py-2';

export function FormProblem({ message }: { message?: string }) {
  return message ? (
    <p role="alert" className="rounded border border-red-700 bg-red-50 p-3 text-sm text-red-800">
      {message}
    </p>
  ) : null;
}
