// One dispatcher for every transport (Electron IPC, the browser test bridge, the CLI):
// parse the input against the contract, call the handler, answer a Result. Nothing else
// decides what a valid call is.
import { z } from 'zod';
import { contract, isMethod, type Method, type Output, type ParsedInput } from '../../shared/contract.ts';
import { fail, ok, ServiceError, type Result } from '../../shared/result.ts';

export type Handlers = { [M in Method]: (input: ParsedInput<M>) => Promise<Output<M>> | Output<M> };
export type Dispatch = (method: unknown, input: unknown) => Promise<Result<unknown>>;

export function describeZodError(error: z.ZodError): { message: string; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '(input)';
    fields[key] ??= issue.message;
  }
  const parts = Object.entries(fields).map(([k, m]) => (k === '(input)' ? m : `${k}: ${m}`));
  return { message: parts.join(' '), fields };
}

export function createDispatcher(handlers: Handlers, log: (msg: string, err: unknown) => void = () => {}): Dispatch {
  return async (method, input) => {
    if (!isMethod(method)) return fail('unknown_method', `There is no API method called ${JSON.stringify(method)}.`);
    const spec = contract[method];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      const { message, fields } = describeZodError(parsed.error);
      return fail('invalid_input', message, fields);
    }
    try {
      const handler = handlers[method] as (i: unknown) => Promise<unknown> | unknown;
      const value = await handler(parsed.data);
      // Checking our own output keeps the contract honest: drift shows up in tests, not users' screens.
      const out = spec.output.safeParse(value);
      if (!out.success) {
        log(`output of ${method} does not match the contract`, out.error);
        return fail('internal', `Credence produced an answer to ${method} that does not match its contract. Please report this.`);
      }
      return ok(out.data);
    } catch (err) {
      if (err instanceof ServiceError) return fail(err.code, err.message, err.fields);
      log(`unexpected error in ${method}`, err);
      return fail('internal', `Something went wrong in ${method}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
}

export type TypedResult<M extends Method> = Result<Output<M>>;
