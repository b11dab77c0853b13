;; WebAssembly SIMD128 kernels of the k-means assignment step: f64x2 arithmetic, or f32x4 for
;; KMeans' precision 'float32' (the kernels' $f32 argument; see the float32 section below).
;;
;; Source of src/wasm/kernels-wasm.ts (regenerate with `pnpm --filter @embfact/cluster build:wasm`;
;; test/wasm.test.ts checks that the committed bytes are this file assembled by wabt).
;;
;; Every kernel performs exactly the floating-point operations of its JavaScript counterpart in
;; src/kernels.ts / src/lloyd.ts, in the same order, so both paths give bitwise identical
;; distances, bounds and labels (wasm has no fused multiply-add in SIMD128; mul and add round
;; separately, as in JavaScript). Vectorization is therefore across centres or across the four
;; partial sums of sqDist, never a reordering of one sum:
;;   - dot products / differences for one (point, centre) pair are one sequential sum over t;
;;     two centres share a v128 (lanes), so the centres are packed in panels of four:
;;     Cp[b][t][q] = C[4b + q][t] (32 bytes per t), see packPanels in src/wasm.ts;
;;   - sqDist keeps its eight partial sums s0..s7 (t mod 8) as four v128s.
;;
;; All addresses are byte offsets into the imported memory; points X are float64 (float32 when
;; $f32 = 1), row-major (n x d); C is k x d row-major (its float32 copy when $f32 = 1); labels
;; int32. Kernels trust their inputs.
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; sqDist of kernels.ts: eight partial sums s_(t mod 8) += (x_t - c_t)^2 (four v128s) while
  ;; t + 8 <= d, then one step of four (s0..s3), the rest into s0;
  ;; result ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)).
  (func $sqdist (param $x i32) (param $c i32) (param $d i32) (result f64)
    (local $end i32) (local $v01 v128) (local $v23 v128) (local $v45 v128) (local $v67 v128)
    (local $a v128) (local $b v128) (local $s0 f64) (local $e f64)
    (local.set $end (i32.add (local.get $x) (i32.shl (i32.and (local.get $d) (i32.const -8)) (i32.const 3))))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $a (f64x2.sub (v128.load (local.get $x)) (v128.load (local.get $c))))
        (local.set $b (f64x2.sub (v128.load offset=16 (local.get $x)) (v128.load offset=16 (local.get $c))))
        (local.set $v01 (f64x2.add (local.get $v01) (f64x2.mul (local.get $a) (local.get $a))))
        (local.set $v23 (f64x2.add (local.get $v23) (f64x2.mul (local.get $b) (local.get $b))))
        (local.set $a (f64x2.sub (v128.load offset=32 (local.get $x)) (v128.load offset=32 (local.get $c))))
        (local.set $b (f64x2.sub (v128.load offset=48 (local.get $x)) (v128.load offset=48 (local.get $c))))
        (local.set $v45 (f64x2.add (local.get $v45) (f64x2.mul (local.get $a) (local.get $a))))
        (local.set $v67 (f64x2.add (local.get $v67) (f64x2.mul (local.get $b) (local.get $b))))
        (local.set $x (i32.add (local.get $x) (i32.const 64)))
        (local.set $c (i32.add (local.get $c) (i32.const 64)))
        (br $l)))
    (if (i32.and (local.get $d) (i32.const 4))
      (then
        (local.set $a (f64x2.sub (v128.load (local.get $x)) (v128.load (local.get $c))))
        (local.set $b (f64x2.sub (v128.load offset=16 (local.get $x)) (v128.load offset=16 (local.get $c))))
        (local.set $v01 (f64x2.add (local.get $v01) (f64x2.mul (local.get $a) (local.get $a))))
        (local.set $v23 (f64x2.add (local.get $v23) (f64x2.mul (local.get $b) (local.get $b))))
        (local.set $x (i32.add (local.get $x) (i32.const 32)))
        (local.set $c (i32.add (local.get $c) (i32.const 32)))))
    (local.set $s0 (f64x2.extract_lane 0 (local.get $v01)))
    (local.set $end (i32.add (local.get $x) (i32.shl (i32.and (local.get $d) (i32.const 3)) (i32.const 3))))
    (block $done2
      (loop $l2
        (br_if $done2 (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $e (f64.sub (f64.load (local.get $x)) (f64.load (local.get $c))))
        (local.set $s0 (f64.add (local.get $s0) (f64.mul (local.get $e) (local.get $e))))
        (local.set $x (i32.add (local.get $x) (i32.const 8)))
        (local.set $c (i32.add (local.get $c) (i32.const 8)))
        (br $l2)))
    (f64.add
      (f64.add
        (f64.add (local.get $s0) (f64x2.extract_lane 1 (local.get $v01)))
        (f64.add (f64x2.extract_lane 0 (local.get $v23)) (f64x2.extract_lane 1 (local.get $v23))))
      (f64.add
        (f64.add (f64x2.extract_lane 0 (local.get $v45)) (f64x2.extract_lane 1 (local.get $v45)))
        (f64.add (f64x2.extract_lane 0 (local.get $v67)) (f64x2.extract_lane 1 (local.get $v67))))))

  ;; Sequential dot product sum_t x_t c_t (blockDistances' accumulator for one pair).
  (func $dot (param $x i32) (param $c i32) (param $d i32) (result f64)
    (local $end i32) (local $s f64)
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $d) (i32.const 3))))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $s (f64.add (local.get $s) (f64.mul (f64.load (local.get $x)) (f64.load (local.get $c)))))
        (local.set $x (i32.add (local.get $x) (i32.const 8)))
        (local.set $c (i32.add (local.get $c) (i32.const 8)))
        (br $l)))
    (local.get $s))

  ;; max(v, 0) as `v > 0 ? v : 0`
  (func $clamp (param $v f64) (result f64)
    (select (local.get $v) (f64.const 0) (f64.gt (local.get $v) (f64.const 0))))

  ;; Squared distances (expansion n_r - 2 x_r.c_j + csq_j, clamped at 0) of the four points at
  ;; x0..x3 (squared norms n0..n3) to all k centres, into out[r*k + j] (float64).
  ;; Register block: 4 points x 4 centres (8 v128 accumulators) per pass over the coordinates.
  (func $block4
    (param $x0 i32) (param $x1 i32) (param $x2 i32) (param $x3 i32)
    (param $n0 f64) (param $n1 f64) (param $n2 f64) (param $n3 f64)
    (param $C i32) (param $Cp i32) (param $csq i32) (param $k i32) (param $d i32) (param $out i32)
    (local $nb i32) (local $b i32) (local $p i32) (local $pend i32) (local $t i32) (local $kb i32)
    (local $o i32) (local $cq i32) (local $j i32) (local $c i32)
    (local $a00 v128) (local $a01 v128) (local $a10 v128) (local $a11 v128)
    (local $a20 v128) (local $a21 v128) (local $a30 v128) (local $a31 v128)
    (local $c01 v128) (local $c23 v128) (local $xs v128) (local $two v128) (local $zero v128)
    (local.set $nb (i32.shr_u (local.get $k) (i32.const 2)))
    (local.set $kb (i32.shl (local.get $k) (i32.const 3)))
    (local.set $two (f64x2.splat (f64.const 2)))
    (local.set $p (local.get $Cp))
    (block $bdone
      (loop $bl
        (br_if $bdone (i32.ge_u (local.get $b) (local.get $nb)))
        (local.set $a00 (local.get $zero)) (local.set $a01 (local.get $zero))
        (local.set $a10 (local.get $zero)) (local.set $a11 (local.get $zero))
        (local.set $a20 (local.get $zero)) (local.set $a21 (local.get $zero))
        (local.set $a30 (local.get $zero)) (local.set $a31 (local.get $zero))
        (local.set $pend (i32.add (local.get $p) (i32.shl (local.get $d) (i32.const 5))))
        (local.set $t (i32.const 0))
        (block $tdone
          (loop $tl
            (br_if $tdone (i32.ge_u (local.get $p) (local.get $pend)))
            (local.set $c01 (v128.load (local.get $p)))
            (local.set $c23 (v128.load offset=16 (local.get $p)))
            (local.set $xs (v128.load64_splat (i32.add (local.get $x0) (local.get $t))))
            (local.set $a00 (f64x2.add (local.get $a00) (f64x2.mul (local.get $xs) (local.get $c01))))
            (local.set $a01 (f64x2.add (local.get $a01) (f64x2.mul (local.get $xs) (local.get $c23))))
            (local.set $xs (v128.load64_splat (i32.add (local.get $x1) (local.get $t))))
            (local.set $a10 (f64x2.add (local.get $a10) (f64x2.mul (local.get $xs) (local.get $c01))))
            (local.set $a11 (f64x2.add (local.get $a11) (f64x2.mul (local.get $xs) (local.get $c23))))
            (local.set $xs (v128.load64_splat (i32.add (local.get $x2) (local.get $t))))
            (local.set $a20 (f64x2.add (local.get $a20) (f64x2.mul (local.get $xs) (local.get $c01))))
            (local.set $a21 (f64x2.add (local.get $a21) (f64x2.mul (local.get $xs) (local.get $c23))))
            (local.set $xs (v128.load64_splat (i32.add (local.get $x3) (local.get $t))))
            (local.set $a30 (f64x2.add (local.get $a30) (f64x2.mul (local.get $xs) (local.get $c01))))
            (local.set $a31 (f64x2.add (local.get $a31) (f64x2.mul (local.get $xs) (local.get $c23))))
            (local.set $p (i32.add (local.get $p) (i32.const 32)))
            (local.set $t (i32.add (local.get $t) (i32.const 8)))
            (br $tl)))
        ;; out[r*k + 4b ..] = max(n_r - 2 a + csq, 0) (in this order, as blockDistances)
        (local.set $o (i32.add (local.get $out) (i32.shl (local.get $b) (i32.const 5))))
        (local.set $cq (i32.add (local.get $csq) (i32.shl (local.get $b) (i32.const 5))))
        (v128.store (local.get $o) (f64x2.max (f64x2.add (f64x2.sub (f64x2.splat (local.get $n0)) (f64x2.mul (local.get $two) (local.get $a00))) (v128.load (local.get $cq))) (local.get $zero)))
        (v128.store offset=16 (local.get $o) (f64x2.max (f64x2.add (f64x2.sub (f64x2.splat (local.get $n0)) (f64x2.mul (local.get $two) (local.get $a01))) (v128.load offset=16 (local.get $cq))) (local.get $zero)))
        (local.set $o (i32.add (local.get $o) (local.get $kb)))
        (v128.store (local.get $o) (f64x2.max (f64x2.add (f64x2.sub (f64x2.splat (local.get $n1)) (f64x2.mul (local.get $two) (local.get $a10))) (v128.load (local.get $cq))) (local.get $zero)))
        (v128.store offset=16 (local.get $o) (f64x2.max (f64x2.add (f64x2.sub (f64x2.splat (local.get $n1)) (f64x2.mul (local.get $two) (local.get $a11))) (v128.load offset=16 (local.get $cq))) (local.get $zero)))
        (local.set $o (i32.add (local.get $o) (local.get $kb)))
        (v128.store (local.get $o) (f64x2.max (f64x2.add (f64x2.sub (f64x2.splat (local.get $n2)) (f64x2.mul (local.get $two) (local.get $a20))) (v128.load (local.get $cq))) (local.get $zero)))
        (v128.store offset=16 (local.get $o) (f64x2.max (f64x2.add (f64x2.sub (f64x2.splat (local.get $n2)) (f64x2.mul (local.get $two) (local.get $a21))) (v128.load offset=16 (local.get $cq))) (local.get $zero)))
        (local.set $o (i32.add (local.get $o) (local.get $kb)))
        (v128.store (local.get $o) (f64x2.max (f64x2.add (f64x2.sub (f64x2.splat (local.get $n3)) (f64x2.mul (local.get $two) (local.get $a30))) (v128.load (local.get $cq))) (local.get $zero)))
        (v128.store offset=16 (local.get $o) (f64x2.max (f64x2.add (f64x2.sub (f64x2.splat (local.get $n3)) (f64x2.mul (local.get $two) (local.get $a31))) (v128.load offset=16 (local.get $cq))) (local.get $zero)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $bl)))
    ;; the last k mod 4 centres: one sequential dot product per (point, centre)
    (local.set $j (i32.shl (local.get $nb) (i32.const 2)))
    (block $jdone
      (loop $jl
        (br_if $jdone (i32.ge_u (local.get $j) (local.get $k)))
        (local.set $c (i32.add (local.get $C) (i32.mul (local.get $j) (i32.shl (local.get $d) (i32.const 3)))))
        (local.set $o (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $cq (i32.add (local.get $csq) (i32.shl (local.get $j) (i32.const 3))))
        (f64.store (local.get $o) (call $clamp (f64.add (f64.sub (local.get $n0) (f64.mul (f64.const 2) (call $dot (local.get $x0) (local.get $c) (local.get $d)))) (f64.load (local.get $cq)))))
        (local.set $o (i32.add (local.get $o) (local.get $kb)))
        (f64.store (local.get $o) (call $clamp (f64.add (f64.sub (local.get $n1) (f64.mul (f64.const 2) (call $dot (local.get $x1) (local.get $c) (local.get $d)))) (f64.load (local.get $cq)))))
        (local.set $o (i32.add (local.get $o) (local.get $kb)))
        (f64.store (local.get $o) (call $clamp (f64.add (f64.sub (local.get $n2) (f64.mul (f64.const 2) (call $dot (local.get $x2) (local.get $c) (local.get $d)))) (f64.load (local.get $cq)))))
        (local.set $o (i32.add (local.get $o) (local.get $kb)))
        (f64.store (local.get $o) (call $clamp (f64.add (f64.sub (local.get $n3) (f64.mul (f64.const 2) (call $dot (local.get $x3) (local.get $c) (local.get $d)))) (f64.load (local.get $cq)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $jl))))

  ;; Distances of one point x to all k centres in the form of allDistances / nearestTwo:
  ;; centres in full panels of four: one sequential sum of (x_t - c_t)^2 each; the last k mod 4
  ;; by $sqdist. Written to out[j] (float64), squared when $sq is 1, else their square roots.
  (func $dists1 (param $x i32) (param $C i32) (param $Cp i32) (param $k i32) (param $d i32) (param $out i32) (param $sq i32)
    (local $nb i32) (local $b i32) (local $p i32) (local $q i32) (local $pend i32) (local $t i32) (local $j i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $xs v128) (local $e v128) (local $v f64)
    (local.set $nb (i32.shr_u (local.get $k) (i32.const 2)))
    (local.set $p (local.get $Cp))
    ;; two panels (eight centres) per pass over x
    (block $bdone
      (loop $bl
        (br_if $bdone (i32.gt_u (i32.add (local.get $b) (i32.const 2)) (local.get $nb)))
        (local.set $q (i32.add (local.get $p) (i32.shl (local.get $d) (i32.const 5))))
        (local.set $pend (local.get $q))
        (local.set $a0 (v128.const i64x2 0 0)) (local.set $a1 (v128.const i64x2 0 0))
        (local.set $a2 (v128.const i64x2 0 0)) (local.set $a3 (v128.const i64x2 0 0))
        (local.set $t (local.get $x))
        (block $tdone
          (loop $tl
            (br_if $tdone (i32.ge_u (local.get $p) (local.get $pend)))
            (local.set $xs (v128.load64_splat (local.get $t)))
            (local.set $e (f64x2.sub (local.get $xs) (v128.load (local.get $p))))
            (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $e) (local.get $e))))
            (local.set $e (f64x2.sub (local.get $xs) (v128.load offset=16 (local.get $p))))
            (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $e) (local.get $e))))
            (local.set $e (f64x2.sub (local.get $xs) (v128.load (local.get $q))))
            (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $e) (local.get $e))))
            (local.set $e (f64x2.sub (local.get $xs) (v128.load offset=16 (local.get $q))))
            (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $e) (local.get $e))))
            (local.set $p (i32.add (local.get $p) (i32.const 32)))
            (local.set $q (i32.add (local.get $q) (i32.const 32)))
            (local.set $t (i32.add (local.get $t) (i32.const 8)))
            (br $tl)))
        (if (i32.eqz (local.get $sq))
          (then
            (local.set $a0 (f64x2.sqrt (local.get $a0))) (local.set $a1 (f64x2.sqrt (local.get $a1)))
            (local.set $a2 (f64x2.sqrt (local.get $a2))) (local.set $a3 (f64x2.sqrt (local.get $a3)))))
        (local.set $j (i32.add (local.get $out) (i32.shl (local.get $b) (i32.const 5))))
        (v128.store (local.get $j) (local.get $a0))
        (v128.store offset=16 (local.get $j) (local.get $a1))
        (v128.store offset=32 (local.get $j) (local.get $a2))
        (v128.store offset=48 (local.get $j) (local.get $a3))
        (local.set $p (local.get $q))
        (local.set $b (i32.add (local.get $b) (i32.const 2)))
        (br $bl)))
    ;; one remaining panel
    (if (i32.lt_u (local.get $b) (local.get $nb))
      (then
        (local.set $pend (i32.add (local.get $p) (i32.shl (local.get $d) (i32.const 5))))
        (local.set $a0 (v128.const i64x2 0 0)) (local.set $a1 (v128.const i64x2 0 0))
        (local.set $t (local.get $x))
        (block $tdone
          (loop $tl
            (br_if $tdone (i32.ge_u (local.get $p) (local.get $pend)))
            (local.set $xs (v128.load64_splat (local.get $t)))
            (local.set $e (f64x2.sub (local.get $xs) (v128.load (local.get $p))))
            (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $e) (local.get $e))))
            (local.set $e (f64x2.sub (local.get $xs) (v128.load offset=16 (local.get $p))))
            (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $e) (local.get $e))))
            (local.set $p (i32.add (local.get $p) (i32.const 32)))
            (local.set $t (i32.add (local.get $t) (i32.const 8)))
            (br $tl)))
        (if (i32.eqz (local.get $sq))
          (then (local.set $a0 (f64x2.sqrt (local.get $a0))) (local.set $a1 (f64x2.sqrt (local.get $a1)))))
        (local.set $j (i32.add (local.get $out) (i32.shl (local.get $b) (i32.const 5))))
        (v128.store (local.get $j) (local.get $a0))
        (v128.store offset=16 (local.get $j) (local.get $a1))))
    ;; the last k mod 4 centres
    (local.set $j (i32.shl (local.get $nb) (i32.const 2)))
    (block $jdone
      (loop $jl
        (br_if $jdone (i32.ge_u (local.get $j) (local.get $k)))
        (local.set $v (call $sqdist (local.get $x) (i32.add (local.get $C) (i32.mul (local.get $j) (i32.shl (local.get $d) (i32.const 3)))) (local.get $d)))
        (if (i32.eqz (local.get $sq)) (then (local.set $v (f64.sqrt (local.get $v)))))
        (f64.store (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 3))) (local.get $v))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $jl))))

  ;; ---------------------------------------------------------------- float32 arithmetic
  ;; With KMeans' precision 'float32' the points and a float32 copy of the centres live in the
  ;; memory as float32 and every distance is computed in float32 arithmetic (f32x4 lanes), as
  ;; scikit-learn does for float32 input; the result is widened to float64 (exactly) for the
  ;; bounds. kernels.ts' sqDist32 / dists32 repeat these operations with Math.fround.

  ;; sqDist32: the eight partial sums of $sqdist as two f32x4 (s0..s3, s4..s7), then one step
  ;; of four, the rest into s0; ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)) in float32.
  (func $sqdist32 (param $x i32) (param $c i32) (param $d i32) (result f64)
    (local $end i32) (local $v0 v128) (local $v1 v128) (local $a v128) (local $b v128) (local $s0 f32) (local $e f32)
    (local.set $end (i32.add (local.get $x) (i32.shl (i32.and (local.get $d) (i32.const -8)) (i32.const 2))))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $a (f32x4.sub (v128.load (local.get $x)) (v128.load (local.get $c))))
        (local.set $b (f32x4.sub (v128.load offset=16 (local.get $x)) (v128.load offset=16 (local.get $c))))
        (local.set $v0 (f32x4.add (local.get $v0) (f32x4.mul (local.get $a) (local.get $a))))
        (local.set $v1 (f32x4.add (local.get $v1) (f32x4.mul (local.get $b) (local.get $b))))
        (local.set $x (i32.add (local.get $x) (i32.const 32)))
        (local.set $c (i32.add (local.get $c) (i32.const 32)))
        (br $l)))
    (if (i32.and (local.get $d) (i32.const 4))
      (then
        (local.set $a (f32x4.sub (v128.load (local.get $x)) (v128.load (local.get $c))))
        (local.set $v0 (f32x4.add (local.get $v0) (f32x4.mul (local.get $a) (local.get $a))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))))
    (local.set $s0 (f32x4.extract_lane 0 (local.get $v0)))
    (local.set $end (i32.add (local.get $x) (i32.shl (i32.and (local.get $d) (i32.const 3)) (i32.const 2))))
    (block $done2
      (loop $l2
        (br_if $done2 (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $e (f32.sub (f32.load (local.get $x)) (f32.load (local.get $c))))
        (local.set $s0 (f32.add (local.get $s0) (f32.mul (local.get $e) (local.get $e))))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $l2)))
    (f64.promote_f32
      (f32.add
        (f32.add
          (f32.add (local.get $s0) (f32x4.extract_lane 1 (local.get $v0)))
          (f32.add (f32x4.extract_lane 2 (local.get $v0)) (f32x4.extract_lane 3 (local.get $v0))))
        (f32.add
          (f32.add (f32x4.extract_lane 0 (local.get $v1)) (f32x4.extract_lane 1 (local.get $v1)))
          (f32.add (f32x4.extract_lane 2 (local.get $v1)) (f32x4.extract_lane 3 (local.get $v1)))))))

  ;; Four float32 sums (one panel of centres) widened to float64 into out[0..3], square roots
  ;; taken in float64 when $sq is 0.
  (func $store4 (param $out i32) (param $a v128) (param $sq i32)
    (local $lo v128) (local $hi v128)
    (local.set $lo (f64x2.promote_low_f32x4 (local.get $a)))
    (local.set $hi (f64x2.promote_low_f32x4
      (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a))))
    (if (i32.eqz (local.get $sq))
      (then (local.set $lo (f64x2.sqrt (local.get $lo))) (local.set $hi (f64x2.sqrt (local.get $hi)))))
    (v128.store (local.get $out) (local.get $lo))
    (v128.store offset=16 (local.get $out) (local.get $hi)))

  ;; $dists1 in float32: distances of the float32 point x to all k centres; centres in float32
  ;; panels of four (Cp32[b][t][q] = C32[4b + q][t], 16 bytes per t): one sequential float32 sum
  ;; of (x_t - c_t)^2 per centre (the four lanes are four centres); the last k mod 4 by
  ;; $sqdist32. Written to out[j] (float64), squared when $sq is 1, else their square roots.
  (func $dists1_32 (param $x i32) (param $C i32) (param $Cp i32) (param $k i32) (param $d i32) (param $out i32) (param $sq i32)
    (local $nb i32) (local $b i32) (local $p i32) (local $q i32) (local $pend i32) (local $t i32) (local $j i32)
    (local $a0 v128) (local $a1 v128) (local $xs v128) (local $e v128) (local $v f64)
    (local.set $nb (i32.shr_u (local.get $k) (i32.const 2)))
    (local.set $p (local.get $Cp))
    ;; two panels (eight centres) per pass over x
    (block $bdone
      (loop $bl
        (br_if $bdone (i32.gt_u (i32.add (local.get $b) (i32.const 2)) (local.get $nb)))
        (local.set $q (i32.add (local.get $p) (i32.shl (local.get $d) (i32.const 4))))
        (local.set $pend (local.get $q))
        (local.set $a0 (v128.const i64x2 0 0)) (local.set $a1 (v128.const i64x2 0 0))
        (local.set $t (local.get $x))
        (block $tdone
          (loop $tl
            (br_if $tdone (i32.ge_u (local.get $p) (local.get $pend)))
            (local.set $xs (v128.load32_splat (local.get $t)))
            (local.set $e (f32x4.sub (local.get $xs) (v128.load (local.get $p))))
            (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $e) (local.get $e))))
            (local.set $e (f32x4.sub (local.get $xs) (v128.load (local.get $q))))
            (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $e) (local.get $e))))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (local.set $q (i32.add (local.get $q) (i32.const 16)))
            (local.set $t (i32.add (local.get $t) (i32.const 4)))
            (br $tl)))
        (call $store4 (i32.add (local.get $out) (i32.shl (local.get $b) (i32.const 5))) (local.get $a0) (local.get $sq))
        (call $store4 (i32.add (local.get $out) (i32.add (i32.shl (local.get $b) (i32.const 5)) (i32.const 32))) (local.get $a1) (local.get $sq))
        (local.set $p (local.get $q))
        (local.set $b (i32.add (local.get $b) (i32.const 2)))
        (br $bl)))
    ;; one remaining panel
    (if (i32.lt_u (local.get $b) (local.get $nb))
      (then
        (local.set $pend (i32.add (local.get $p) (i32.shl (local.get $d) (i32.const 4))))
        (local.set $a0 (v128.const i64x2 0 0))
        (local.set $t (local.get $x))
        (block $tdone
          (loop $tl
            (br_if $tdone (i32.ge_u (local.get $p) (local.get $pend)))
            (local.set $e (f32x4.sub (v128.load32_splat (local.get $t)) (v128.load (local.get $p))))
            (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $e) (local.get $e))))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (local.set $t (i32.add (local.get $t) (i32.const 4)))
            (br $tl)))
        (call $store4 (i32.add (local.get $out) (i32.shl (local.get $b) (i32.const 5))) (local.get $a0) (local.get $sq))))
    ;; the last k mod 4 centres
    (local.set $j (i32.shl (local.get $nb) (i32.const 2)))
    (block $jdone
      (loop $jl
        (br_if $jdone (i32.ge_u (local.get $j) (local.get $k)))
        (local.set $v (call $sqdist32 (local.get $x) (i32.add (local.get $C) (i32.mul (local.get $j) (i32.shl (local.get $d) (i32.const 2)))) (local.get $d)))
        (if (i32.eqz (local.get $sq)) (then (local.set $v (f64.sqrt (local.get $v)))))
        (f64.store (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 3))) (local.get $v))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $jl))))

  ;; The distance kernels of the run's precision ($f32: 0 float64, 1 float32).
  (func $dist (param $x i32) (param $c i32) (param $d i32) (param $f32 i32) (result f64)
    (if (result f64) (local.get $f32)
      (then (call $sqdist32 (local.get $x) (local.get $c) (local.get $d)))
      (else (call $sqdist (local.get $x) (local.get $c) (local.get $d)))))
  (func $dists (param $x i32) (param $C i32) (param $Cp i32) (param $k i32) (param $d i32) (param $out i32) (param $sq i32) (param $f32 i32)
    (if (local.get $f32)
      (then (call $dists1_32 (local.get $x) (local.get $C) (local.get $Cp) (local.get $k) (local.get $d) (local.get $out) (local.get $sq)))
      (else (call $dists1 (local.get $x) (local.get $C) (local.get $Cp) (local.get $k) (local.get $d) (local.get $out) (local.get $sq)))))

  ;; fullAssign of lloyd.ts for points [i0, i1): every distance by $block4, then per point the
  ;; argmin (ties to the lowest index), labels, upper = sqrt(best) and either Elkan's lower
  ;; bounds lowerAll[i, j] = sqrt(dist_ij) + drift[j] ($elkan = 1) or lower = sqrt(second best).
  ;; $out: scratch of 4k float64.
  (func (export "full")
    (param $X i32) (param $xsq i32) (param $C i32) (param $Cp i32) (param $csq i32) (param $k i32) (param $d i32)
    (param $i0 i32) (param $i1 i32) (param $labels i32) (param $upper i32) (param $lower i32)
    (param $lowerAll i32) (param $drift i32) (param $elkan i32) (param $f32 i32) (param $out i32)
    (local $i i32) (local $m i32) (local $db i32) (local $x0 i32) (local $x1 i32) (local $x2 i32) (local $x3 i32)
    (local $n0 f64) (local $n1 f64) (local $n2 f64) (local $n3 f64)
    (local $r i32) (local $ii i32) (local $ro i32) (local $j i32) (local $best i32) (local $bd f64) (local $sd f64)
    (local $v f64) (local $lo i32)
    (local.set $db (i32.shl (local.get $d) (i32.sub (i32.const 3) (local.get $f32))))
    (local.set $i (local.get $i0))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $i1)))
        (if (local.get $f32)
          (then
            ;; float32: one point at a time, exact differences ($dists1_32)
            (local.set $m (i32.const 1))
            (call $dists1_32 (i32.add (local.get $X) (i32.mul (local.get $i) (local.get $db)))
              (local.get $C) (local.get $Cp) (local.get $k) (local.get $d) (local.get $out) (i32.const 1)))
          (else
            (local.set $m (i32.sub (local.get $i1) (local.get $i)))
            (if (i32.gt_u (local.get $m) (i32.const 4)) (then (local.set $m (i32.const 4))))
            ;; rows beyond the m real ones repeat row i (computed, then ignored)
            (local.set $x0 (i32.add (local.get $X) (i32.mul (local.get $i) (local.get $db))))
            (local.set $n0 (f64.load (i32.add (local.get $xsq) (i32.shl (local.get $i) (i32.const 3)))))
            (local.set $x1 (local.get $x0)) (local.set $x2 (local.get $x0)) (local.set $x3 (local.get $x0))
            (local.set $n1 (local.get $n0)) (local.set $n2 (local.get $n0)) (local.set $n3 (local.get $n0))
            (if (i32.gt_u (local.get $m) (i32.const 1))
              (then
                (local.set $x1 (i32.add (local.get $x0) (local.get $db)))
                (local.set $n1 (f64.load offset=8 (i32.add (local.get $xsq) (i32.shl (local.get $i) (i32.const 3)))))))
            (if (i32.gt_u (local.get $m) (i32.const 2))
              (then
                (local.set $x2 (i32.add (local.get $x1) (local.get $db)))
                (local.set $n2 (f64.load offset=16 (i32.add (local.get $xsq) (i32.shl (local.get $i) (i32.const 3)))))))
            (if (i32.gt_u (local.get $m) (i32.const 3))
              (then
                (local.set $x3 (i32.add (local.get $x2) (local.get $db)))
                (local.set $n3 (f64.load offset=24 (i32.add (local.get $xsq) (i32.shl (local.get $i) (i32.const 3)))))))
            (call $block4 (local.get $x0) (local.get $x1) (local.get $x2) (local.get $x3)
              (local.get $n0) (local.get $n1) (local.get $n2) (local.get $n3)
              (local.get $C) (local.get $Cp) (local.get $csq) (local.get $k) (local.get $d) (local.get $out))))
        (local.set $r (i32.const 0))
        (block $rdone
          (loop $rl
            (br_if $rdone (i32.ge_u (local.get $r) (local.get $m)))
            (local.set $ii (i32.add (local.get $i) (local.get $r)))
            (local.set $ro (i32.add (local.get $out) (i32.mul (local.get $r) (i32.shl (local.get $k) (i32.const 3)))))
            (local.set $best (i32.const 0))
            (local.set $bd (f64.const inf))
            (local.set $sd (f64.const inf))
            (local.set $j (i32.const 0))
            (block $jdone
              (loop $jl
                (br_if $jdone (i32.ge_u (local.get $j) (local.get $k)))
                (local.set $v (f64.load (i32.add (local.get $ro) (i32.shl (local.get $j) (i32.const 3)))))
                (if (f64.lt (local.get $v) (local.get $bd))
                  (then (local.set $sd (local.get $bd)) (local.set $bd (local.get $v)) (local.set $best (local.get $j)))
                  (else (if (f64.lt (local.get $v) (local.get $sd)) (then (local.set $sd (local.get $v))))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $jl)))
            (i32.store (i32.add (local.get $labels) (i32.shl (local.get $ii) (i32.const 2))) (local.get $best))
            (f64.store (i32.add (local.get $upper) (i32.shl (local.get $ii) (i32.const 3))) (f64.sqrt (local.get $bd)))
            (if (local.get $elkan)
              (then
                (local.set $lo (i32.add (local.get $lowerAll) (i32.mul (local.get $ii) (i32.shl (local.get $k) (i32.const 3)))))
                (local.set $j (i32.const 0))
                (block $edone
                  (loop $el
                    (br_if $edone (i32.ge_u (local.get $j) (local.get $k)))
                    (f64.store (i32.add (local.get $lo) (i32.shl (local.get $j) (i32.const 3)))
                      (f64.add
                        (f64.sqrt (f64.load (i32.add (local.get $ro) (i32.shl (local.get $j) (i32.const 3)))))
                        (f64.load (i32.add (local.get $drift) (i32.shl (local.get $j) (i32.const 3))))))
                    (local.set $j (i32.add (local.get $j) (i32.const 1)))
                    (br $el))))
              (else
                (f64.store (i32.add (local.get $lower) (i32.shl (local.get $ii) (i32.const 3))) (f64.sqrt (local.get $sd)))))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $rl)))
        (local.set $i (i32.add (local.get $i) (local.get $m)))
        (br $l))))

  ;; Elkan's bound tests of one point for centres [j0, k): the j with u > lowerAll[j] - drift[j]
  ;; and u > cca[j] (cca: the row of cc of the point's centre), written in index order to
  ;; list[0..); returns their number. Branch-free: j is always stored, the count advances by the
  ;; test's bit (two centres per step: the lanes' masks).
  (func $survivors (param $u f64) (param $lo i32) (param $drift i32) (param $cca i32) (param $j0 i32) (param $k i32) (param $list i32) (result i32)
    (local $cnt i32) (local $j i32) (local $lj i32) (local $bits i32) (local $uu v128) (local $w i32)
    (local.set $uu (f64x2.splat (local.get $u)))
    (local.set $j (local.get $j0))
    (block $done
      (loop $l
        (br_if $done (i32.gt_u (i32.add (local.get $j) (i32.const 2)) (local.get $k)))
        (local.set $lj (i32.shl (local.get $j) (i32.const 3)))
        (local.set $bits (i64x2.bitmask
          (v128.and
            (f64x2.gt (local.get $uu) (f64x2.sub (v128.load (i32.add (local.get $lo) (local.get $lj))) (v128.load (i32.add (local.get $drift) (local.get $lj)))))
            (f64x2.gt (local.get $uu) (v128.load (i32.add (local.get $cca) (local.get $lj)))))))
        (local.set $w (i32.add (local.get $list) (i32.shl (local.get $cnt) (i32.const 2))))
        (i32.store (local.get $w) (local.get $j))
        (local.set $cnt (i32.add (local.get $cnt) (i32.and (local.get $bits) (i32.const 1))))
        (local.set $w (i32.add (local.get $list) (i32.shl (local.get $cnt) (i32.const 2))))
        (i32.store (local.get $w) (i32.add (local.get $j) (i32.const 1)))
        (local.set $cnt (i32.add (local.get $cnt) (i32.shr_u (local.get $bits) (i32.const 1))))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $l)))
    (if (i32.lt_u (local.get $j) (local.get $k))
      (then
        (local.set $lj (i32.shl (local.get $j) (i32.const 3)))
        (i32.store (i32.add (local.get $list) (i32.shl (local.get $cnt) (i32.const 2))) (local.get $j))
        (local.set $cnt (i32.add (local.get $cnt)
          (i32.and
            (f64.gt (local.get $u) (f64.sub (f64.load (i32.add (local.get $lo) (local.get $lj))) (f64.load (i32.add (local.get $drift) (local.get $lj)))))
            (f64.gt (local.get $u) (f64.load (i32.add (local.get $cca) (local.get $lj)))))))))
    (local.get $cnt))

  ;; elkanAssign of lloyd.ts for points [i0, i1) (see the comments there): lowerAll is anchored
  ;; (bound in force = lowerAll[i, j] - drift[j]); cc[a, j] = half the distance between centres
  ;; a and j; half[a] = min_j cc[a, j].
  (func (export "elkan")
    (param $X i32) (param $C i32) (param $Cp i32) (param $k i32) (param $d i32) (param $i0 i32) (param $i1 i32)
    (param $labels i32) (param $upper i32) (param $lowerAll i32) (param $drift i32) (param $cc i32) (param $half i32) (param $f32 i32)
    (param $list i32)
    (local $i i32) (local $a i32) (local $u f64) (local $h f64) (local $db i32) (local $kb i32) (local $o i32) (local $lo i32)
    (local $ak i32) (local $alive i32) (local $j i32) (local $best i32) (local $bd f64) (local $v f64) (local $dj f64)
    (local $lj i32) (local $cnt i32) (local $p i32)
    (local.set $db (i32.shl (local.get $d) (i32.sub (i32.const 3) (local.get $f32))))
    (local.set $kb (i32.shl (local.get $k) (i32.const 3)))
    (local.set $i (local.get $i0))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $i1)))
        (block $next
          (local.set $a (i32.load (i32.add (local.get $labels) (i32.shl (local.get $i) (i32.const 2)))))
          (local.set $u (f64.load (i32.add (local.get $upper) (i32.shl (local.get $i) (i32.const 3)))))
          (local.set $h (f64.load (i32.add (local.get $half) (i32.shl (local.get $a) (i32.const 3)))))
          (br_if $next (f64.le (local.get $u) (local.get $h)))
          (local.set $o (i32.add (local.get $X) (i32.mul (local.get $i) (local.get $db))))
          (local.set $lo (i32.add (local.get $lowerAll) (i32.mul (local.get $i) (local.get $kb))))
          ;; tighten the upper bound
          (local.set $u (f64.sqrt (call $dist (local.get $o) (i32.add (local.get $C) (i32.mul (local.get $a) (local.get $db))) (local.get $d) (local.get $f32))))
          (f64.store (i32.add (local.get $lo) (i32.shl (local.get $a) (i32.const 3)))
            (f64.add (local.get $u) (f64.load (i32.add (local.get $drift) (i32.shl (local.get $a) (i32.const 3))))))
          (f64.store (i32.add (local.get $upper) (i32.shl (local.get $i) (i32.const 3))) (local.get $u))
          (br_if $next (f64.le (local.get $u) (local.get $h)))
          ;; the centres that survive the bound tests u > l(i, j) and u > cc[a, j], in index order,
          ;; into $list (branch-free: every j is stored, the count advances by its test bit)
          (local.set $ak (i32.add (local.get $cc) (i32.mul (local.get $a) (local.get $kb))))
          (local.set $cnt (call $survivors (local.get $u) (local.get $lo) (local.get $drift) (local.get $ak) (i32.const 0) (local.get $k) (local.get $list)))
          ;; alive: the survivors other than a
          (local.set $lj (i32.shl (local.get $a) (i32.const 3)))
          (local.set $alive (i32.sub (local.get $cnt)
            (i32.and
              (f64.gt (local.get $u) (f64.sub (f64.load (i32.add (local.get $lo) (local.get $lj))) (f64.load (i32.add (local.get $drift) (local.get $lj)))))
              (f64.gt (local.get $u) (f64.load (i32.add (local.get $ak) (local.get $lj)))))))
          (br_if $next (i32.eqz (local.get $alive)))
          (if (i32.gt_u (i32.mul (local.get $alive) (i32.const 3)) (local.get $k))
            (then
              ;; most centres alive: all distances (allDistances), then the argmin
              (call $dists (local.get $o) (local.get $C) (local.get $Cp) (local.get $k) (local.get $d) (local.get $lo) (i32.const 0) (local.get $f32))
              (local.set $best (local.get $a))
              (local.set $bd (f64.load (i32.add (local.get $lo) (i32.shl (local.get $a) (i32.const 3)))))
              (local.set $j (i32.const 0))
              (block $adone
                (loop $al
                  (br_if $adone (i32.ge_u (local.get $j) (local.get $k)))
                  (local.set $lj (i32.shl (local.get $j) (i32.const 3)))
                  (local.set $v (f64.load (i32.add (local.get $lo) (local.get $lj))))
                  (if (f64.lt (local.get $v) (local.get $bd))
                    (then (local.set $bd (local.get $v)) (local.set $best (local.get $j))))
                  (f64.store (i32.add (local.get $lo) (local.get $lj))
                    (f64.add (local.get $v) (f64.load (i32.add (local.get $drift) (local.get $lj)))))
                  (local.set $j (i32.add (local.get $j) (i32.const 1)))
                  (br $al)))
              (i32.store (i32.add (local.get $labels) (i32.shl (local.get $i) (i32.const 2))) (local.get $best))
              (f64.store (i32.add (local.get $upper) (i32.shl (local.get $i) (i32.const 3))) (local.get $bd))
              (br $next)))
          ;; few alive: one distance per surviving centre, in index order, as the one-by-one tests
          ;; of lloyd.ts: while a (and so u) is unchanged, the listed centres are exactly those
          ;; that pass; when a changes, the list is rebuilt for the centres after j with the new a, u.
          (local.set $p (i32.const 0))
          (block $sdone
            (loop $sl
              (br_if $sdone (i32.ge_u (local.get $p) (local.get $cnt)))
              (local.set $j (i32.load (i32.add (local.get $list) (i32.shl (local.get $p) (i32.const 2)))))
              (local.set $p (i32.add (local.get $p) (i32.const 1)))
              (br_if $sl (i32.eq (local.get $j) (local.get $a)))
              (local.set $lj (i32.shl (local.get $j) (i32.const 3)))
              (local.set $dj (f64.sqrt (call $dist (local.get $o) (i32.add (local.get $C) (i32.mul (local.get $j) (local.get $db))) (local.get $d) (local.get $f32))))
              (f64.store (i32.add (local.get $lo) (local.get $lj))
                (f64.add (local.get $dj) (f64.load (i32.add (local.get $drift) (local.get $lj)))))
              (if (f64.lt (local.get $dj) (local.get $u))
                (then
                  (local.set $a (local.get $j)) (local.set $u (local.get $dj))
                  (local.set $cnt (call $survivors (local.get $u) (local.get $lo) (local.get $drift)
                    (i32.add (local.get $cc) (i32.mul (local.get $a) (local.get $kb)))
                    (i32.add (local.get $j) (i32.const 1)) (local.get $k) (local.get $list)))
                  (local.set $p (i32.const 0))))
              (br $sl)))
          (i32.store (i32.add (local.get $labels) (i32.shl (local.get $i) (i32.const 2))) (local.get $a))
          (f64.store (i32.add (local.get $upper) (i32.shl (local.get $i) (i32.const 3))) (local.get $u)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l))))

  ;; hamerlyAssign of lloyd.ts for points [i0, i1); $out: scratch of k float64 (nearestTwo's
  ;; squared distances, scanned in index order as nearestTwo does).
  (func (export "hamerly")
    (param $X i32) (param $C i32) (param $Cp i32) (param $k i32) (param $d i32) (param $i0 i32) (param $i1 i32)
    (param $labels i32) (param $upper i32) (param $lower i32) (param $half i32) (param $f32 i32) (param $out i32)
    (local $i i32) (local $a i32) (local $m f64) (local $h f64) (local $lw f64) (local $u f64) (local $db i32) (local $o i32)
    (local $j i32) (local $best i32) (local $bd f64) (local $sd f64) (local $v f64)
    (local.set $db (i32.shl (local.get $d) (i32.sub (i32.const 3) (local.get $f32))))
    (local.set $i (local.get $i0))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $i1)))
        (block $next
          (local.set $a (i32.load (i32.add (local.get $labels) (i32.shl (local.get $i) (i32.const 2)))))
          (local.set $h (f64.load (i32.add (local.get $half) (i32.shl (local.get $a) (i32.const 3)))))
          (local.set $lw (f64.load (i32.add (local.get $lower) (i32.shl (local.get $i) (i32.const 3)))))
          (local.set $m (select (local.get $h) (local.get $lw) (f64.gt (local.get $h) (local.get $lw))))
          (br_if $next (f64.le (f64.load (i32.add (local.get $upper) (i32.shl (local.get $i) (i32.const 3)))) (local.get $m)))
          (local.set $o (i32.add (local.get $X) (i32.mul (local.get $i) (local.get $db))))
          (local.set $u (f64.sqrt (call $dist (local.get $o) (i32.add (local.get $C) (i32.mul (local.get $a) (local.get $db))) (local.get $d) (local.get $f32))))
          (f64.store (i32.add (local.get $upper) (i32.shl (local.get $i) (i32.const 3))) (local.get $u))
          (br_if $next (f64.le (local.get $u) (local.get $m)))
          (call $dists (local.get $o) (local.get $C) (local.get $Cp) (local.get $k) (local.get $d) (local.get $out) (i32.const 1) (local.get $f32))
          (local.set $best (i32.const -1))
          (local.set $bd (f64.const inf))
          (local.set $sd (f64.const inf))
          (local.set $j (i32.const 0))
          (block $jdone
            (loop $jl
              (br_if $jdone (i32.ge_u (local.get $j) (local.get $k)))
              (local.set $v (f64.load (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 3)))))
              (if (f64.lt (local.get $v) (local.get $bd))
                (then (local.set $sd (local.get $bd)) (local.set $bd (local.get $v)) (local.set $best (local.get $j)))
                (else (if (f64.lt (local.get $v) (local.get $sd)) (then (local.set $sd (local.get $v))))))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br $jl)))
          (i32.store (i32.add (local.get $labels) (i32.shl (local.get $i) (i32.const 2))) (local.get $best))
          (f64.store (i32.add (local.get $upper) (i32.shl (local.get $i) (i32.const 3))) (f64.sqrt (local.get $bd)))
          (f64.store (i32.add (local.get $lower) (i32.shl (local.get $i) (i32.const 3))) (f64.sqrt (local.get $sd))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l))))
;; The M-step's sums of update() in lloyd.ts for coordinates [t0, t1): for i = 0 .. n-1 in
  ;; order (skipping zero weights), Cnew[labels[i], t] += w_i x_it (x_it itself when $w = 0: no
  ;; weights). Each element is its own sum in point order, two coordinates per v128. Points are
  ;; float64, or float32 ($f32 = 1: widened exactly, the sums stay float64).
  (func (export "msum")
    (param $X i32) (param $labels i32) (param $w i32) (param $n i32) (param $d i32) (param $Cnew i32)
    (param $t0 i32) (param $t1 i32) (param $f32 i32)
    (local $i i32) (local $xs i32) (local $x i32) (local $c i32) (local $end i32) (local $end2 i32) (local $wi f64) (local $ws v128)
    (local $es i32) (local $step i32) (local $xv v128)
    ;; $es: log2 of the bytes of one point coordinate; $step: bytes of two coordinates
    (local.set $es (i32.sub (i32.const 3) (local.get $f32)))
    (local.set $step (i32.shl (i32.const 2) (local.get $es)))
    (local.set $xs (i32.shl (local.get $d) (local.get $es)))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (block $next
          (local.set $wi (f64.const 1))
          (if (local.get $w)
            (then
              (local.set $wi (f64.load (i32.add (local.get $w) (i32.shl (local.get $i) (i32.const 3)))))
              (br_if $next (f64.eq (local.get $wi) (f64.const 0)))))
          (local.set $x (i32.add (i32.add (local.get $X) (i32.mul (local.get $i) (local.get $xs))) (i32.shl (local.get $t0) (local.get $es))))
          (local.set $c (i32.add
            (i32.add (local.get $Cnew) (i32.mul (i32.load (i32.add (local.get $labels) (i32.shl (local.get $i) (i32.const 2)))) (i32.shl (local.get $d) (i32.const 3))))
            (i32.shl (local.get $t0) (i32.const 3))))
          (local.set $end (i32.add (local.get $c) (i32.shl (i32.sub (local.get $t1) (local.get $t0)) (i32.const 3))))
          (local.set $end2 (i32.sub (local.get $end) (i32.const 8)))
          (local.set $ws (f64x2.splat (local.get $wi)))
          (block $vdone
            (loop $vl
              (br_if $vdone (i32.ge_u (local.get $c) (local.get $end2)))
              (local.set $xv
                (if (result v128) (local.get $f32)
                  (then (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $x))))
                  (else (v128.load (local.get $x)))))
              (v128.store (local.get $c) (f64x2.add (v128.load (local.get $c)) (f64x2.mul (local.get $ws) (local.get $xv))))
              (local.set $x (i32.add (local.get $x) (local.get $step)))
              (local.set $c (i32.add (local.get $c) (i32.const 16)))
              (br $vl)))
          (if (i32.lt_u (local.get $c) (local.get $end))
            (then (f64.store (local.get $c) (f64.add (f64.load (local.get $c)) (f64.mul (local.get $wi)
              (if (result f64) (local.get $f32)
                (then (f64.promote_f32 (f32.load (local.get $x))))
                (else (f64.load (local.get $x))))))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l))))
)
