import sys, re
src = open('loaded.wat').read().split('\n')
# locate function 3703
start = next(i for i,l in enumerate(src) if l.startswith('  (func (;3703;)'))
end = next(i for i,l in enumerate(src) if l.startswith('  (func (;3704;)'))
f = src[start:end]
TANH, LOGI = 172816, 189200
NV, A, X, Y, IDX, IC, P, Q, T0, R = 41, 42, 43, 44, 45, 46, 47, 48, 49, 50
def lanes(table):
    out = []
    for (dst, l0, l1) in ((P, 0, 1), (Q, 2, 3)):
        out += [f'local.get {IC}', f'i32x4.extract_lane {l0}', 'i32.const 2', 'i32.shl', f'v128.load64_zero offset={table} align=4', f'local.set {dst}',
                f'local.get {IC}', f'i32x4.extract_lane {l1}', 'i32.const 2', 'i32.shl', f'local.get {dst}', f'v128.load64_lane offset={table} align=4 1', f'local.set {dst}']
    return out
def compute(table, kind):
    # input in X; leaves result on stack
    c = [f'local.get {X}', 'f32x4.abs', 'v128.const f32x4 256 256 256 256', 'f32x4.mul', f'local.tee {Y}',
         'i32x4.trunc_sat_f32x4_u', f'local.tee {IDX}', 'v128.const i32x4 4094 4094 4094 4094', 'i32x4.min_u', f'local.set {IC}']
    c += lanes(table)
    c += [f'local.get {P}', f'local.get {Q}', 'i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27', f'local.set {T0}',
          f'local.get {P}', f'local.get {Q}', 'i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31', f'local.get {T0}', 'f32x4.sub',
          f'local.get {Y}', f'local.get {IDX}', 'f32x4.convert_i32x4_u', 'f32x4.sub', 'f32x4.mul', f'local.get {T0}', 'f32x4.add', f'local.set {R}',
          'v128.const f32x4 1 1 1 1', f'local.get {R}', f'local.get {IDX}', 'v128.const i32x4 4094 4094 4094 4094', 'i32x4.gt_u', 'v128.bitselect', f'local.set {R}']
    if kind == 'tanh':
        c += [f'local.get {R}', 'f32x4.neg']
    else:
        c += ['v128.const f32x4 1 1 1 1', f'local.get {R}', 'f32x4.sub']
    c += [f'local.get {R}', f'local.get {X}', 'v128.const f32x4 0 0 0 0', 'f32x4.lt', 'v128.bitselect']
    return c
def simd_loop(table, kind, B, N, src=None, go=None):
    s = src if src is not None else B
    body = [f'local.get {B}', 'local.get 1', 'i32.const 2', 'i32.shl', f'local.tee {A}', 'i32.add']
    # address of out; load input from src
    body += [f'local.get {s}', f'local.get {A}', 'i32.add', 'v128.load align=4', f'local.set {X}']
    body += compute(table, kind)
    if go is not None:
        body += [f'local.get {go}', f'local.get {A}', 'i32.add', 'v128.load align=4', 'f32x4.mul']
    body += ['v128.store align=4', 'local.get 1', 'i32.const 4', 'i32.add', 'local.tee 1', f'local.get {NV}', 'i32.lt_u', 'br_if 0']
    pre = [f'local.get {N}', 'i32.const -4', 'i32.and', f'local.set {NV}', 'block', f'local.get {NV}', 'i32.eqz', 'br_if 0', 'loop'] + body + ['end', 'end',
           'block', 'local.get 1', f'local.get {N}', 'i32.eq', 'br_if 0']
    return pre
which = sys.argv[2].split(',') if len(sys.argv) > 2 else ['1510','1639','1769','2036','2608']
specs = {1510: (TANH, 'tanh', 4, 8, None, None), 1639: (LOGI, 'logi', 4, 8, None, None), 1769: (LOGI, 'logi', 4, 8, None, None),
         2036: (LOGI, 'logi', 4, 13, None, None), 2608: (TANH, 'tanh', 4, 8, 14, 3)}
# process from bottom to top so line numbers stay valid
for L in sorted((int(w) for w in which if w), reverse=True):
    i = L - 1
    assert f[i].strip().startswith('loop'), (L, f[i])
    ind = f[i][:len(f[i]) - len(f[i].lstrip())]
    j = next(k for k in range(i + 1, len(f)) if f[k] == ind + 'end')
    t, kind, B, N, s, go = specs[L]
    f[j:j+1] = [f[j], ind + 'end']
    f[i:i] = [ind + x for x in simd_loop(t, kind, B, N, s, go)]
# add locals
assert f[1].strip().startswith('(local')
f[1] = f[1].rstrip(')') + ' i32 i32' + ' v128' * 8 + ')'
src[start:end] = f
open(sys.argv[1], 'w').write('\n'.join(src))
