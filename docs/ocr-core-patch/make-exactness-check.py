# Builds exact.wat: each original scalar loop (copied verbatim from f3703) vs. the same with the SIMD prologue.
import importlib.util, sys
sys.argv = ['x', '/dev/null', '']
spec = importlib.util.spec_from_file_location('patch', 'patch-lstm-forward.py'); P = importlib.util.module_from_spec(spec); spec.loader.exec_module(P)
f = open('f3703.wat').read().split('\n')
def loop_lines(L):
    i = L - 1; ind = f[i][:len(f[i]) - len(f[i].lstrip())]
    j = next(k for k in range(i + 1, len(f)) if f[k] == ind + 'end')
    return f[i:j+1]
locals_decl = f[1].strip().rstrip(')') + ' i32 i32' + ' v128' * 8 + ')'
out = ['(module', '  (memory (export "mem") 64)']
for name, L, (t, kind, B, N, s, go) in [('tanh', 1510, P.specs[1510]), ('logi', 1639, P.specs[1639]), ('fmul', 2608, P.specs[2608])]:
    for simd in (0, 1):
        # params: 0=out/base 1=n 2=src 3=go
        body = [f'local.get 0', f'local.set {B}', f'local.get 1', f'local.set {N}']
        if s is not None: body += ['local.get 2', f'local.set {s}', 'local.get 3', f'local.set {go}']
        body += ['i32.const 0', 'local.set 1']
        lp = loop_lines(L)
        if simd: body += P.simd_loop(t, kind, B, N, s, go) + lp + ['end']
        else: body += lp
        out += [f'  (func (export "{name}{simd}") (param i32 i32 i32 i32 i32 i32)', '    ' + locals_decl] + ['    ' + x.strip() for x in body] + ['  )']
out.append(')')
open('exact.wat', 'w').write('\n'.join(out))
