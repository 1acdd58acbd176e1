/** A form's or panel's error, read out at once by screen readers (role="alert"); nothing when there is none. */
export function FormError({ error }: { error: string | null | undefined }) {
  return error ? (
    <p className="form-error" role="alert">
      {error}
    </p>
  ) : null;
}
