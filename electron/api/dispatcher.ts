// One dispatcher for every transport (Electron IPC, the browser test bridge, the CLI):
// parse the input against the contract, call the handler, answer a Result. Nothing else
// decides what a valid call is.
//
// Two flavours over the same handlers. The renderer's (IPC, the browser bridge) parses the
// contract's inputs, where files are dialog handles, and refuses any call that names a path.
// The local one (CLI, tests) parses `localInputs`, where files are paths: its caller is the
// user in their own shell.
import { z } from 'zod';
import { contract, isLocalMethod, isMethod, localInputs, type LocalInput, type Method, type Output, type RendererInput } from '../../shared/contract.ts';
import { fail, ok, ServiceError, type Result } from '../../shared/result.ts';

export type Handlers = { [M in Method]: (input: RendererInput<M> | LocalInput<M>) => Promise<Output<M>> | Output<M> };
export type Dispatch = (method: unknown, input: unknown) => Promise<Result<unknown>>;
/** A dispatcher that accepts only what a window may send; IPC and the bridge take only this. */
export type RendererDispatch = Dispatch & { readonly transport: 'renderer' };
export type Transport = 'renderer' | 'local';

// Field names that would name a file. Their mere presence in a call from a window is refused,
// whatever the method, before anything is parsed.
const PATH_FIELDS = ['path', 'paths', 'outPath', 'file', 'dir', 'dataDir'];
const namesAPath = (input: unknown): boolean => typeof input === 'object' && input !== null && PATH_FIELDS.some((k) => Object.hasOwn(input, k));

export function describeZodError(error: z.ZodError): { message: string; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '(input)';
    fields[key] ??= issue.message;
  }
  const parts = Object.entries(fields).map(([k, m]) => (k === '(input)' ? m : `${k}: ${m}`));
  return { message: parts.join(' '), fields };
}

export function createDispatcher(handlers: Handlers, log?: (msg: string, err: unknown) => void, transport?: 'renderer'): RendererDispatch;
export function createDispatcher(handlers: Handlers, log: ((msg: string, err: unknown) => void) | undefined, transport: 'local'): Dispatch;
export function createDispatcher(handlers: Handlers, log: (msg: string, err: unknown) => void = () => {}, transport: Transport = 'renderer'): Dispatch {
  const dispatch = async (method: unknown, input: unknown): Promise<Result<unknown>> => {
    if (!isMethod(method)) return fail('unknown_method', `There is no API method called ${JSON.stringify(method)}.`);
    const spec = contract[method];
    if (transport === 'renderer' && namesAPath(input)) {
      return fail('forbidden', 'The window cannot name files on this computer. Choose the file in Credence’s own dialog.');
    }
    const schema: z.ZodType = transport === 'local' && isLocalMethod(method) ? localInputs[method] : spec.input;
    const parsed = schema.safeParse(input ?? {});
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
      // JSON.parse quotes the text it choked on ("root:x:0:0"... is not valid JSON): never pass that on.
      if (err instanceof SyntaxError) return fail('bad_file', `Something went wrong in ${method}: a file it read is not valid JSON.`);
      return fail('internal', `Something went wrong in ${method}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  return transport === 'renderer' ? Object.assign(dispatch, { transport: 'renderer' as const }) : dispatch;
}

export type TypedResult<M extends Method> = Result<Output<M>>;
