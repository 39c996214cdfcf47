import type { z } from 'zod';
import type { ApiRoutes, HttpMethod } from '../../src/contract/routes.ts';

type Route = ApiRoutes[number];
type Split<P extends string> = P extends `${infer H}/${infer T}` ? [H, ...Split<T>] : [P];
type SegmentsMatch<Pattern extends string[], Actual extends string[]> = Pattern extends [infer PH extends string, ...infer PT extends string[]]
  ? Actual extends [infer AH extends string, ...infer AT extends string[]]
    ? PH extends `:${string}`
      ? SegmentsMatch<PT, AT>
      : AH extends PH
        ? SegmentsMatch<PT, AT>
        : false
    : false
  : Actual extends []
    ? true
    : false;
type Params<Pattern extends string[]> = Pattern extends [infer H, ...infer T extends string[]] ? (H extends `:${string}` ? [1, ...Params<T>] : Params<T>) : [];
type PathOf<P extends string> = P extends `/api${infer Rest}` ? (Rest extends `${infer Path}?${string}` ? Path : Rest) : never;
type Matching<M extends HttpMethod, P extends string> = Route extends infer R
  ? R extends { method: M; path: infer RP extends string }
    ? SegmentsMatch<Split<RP>, Split<PathOf<P>>> extends true
      ? R
      : never
    : never
  : never;
type WithParams<R, N extends number> = R extends { path: infer RP extends string } ? (Params<Split<RP>>['length'] extends N ? R : never) : never;
/** A literal route wins over one with a parameter in its place (`/orders/mine` before `/orders/:id`). */
type Best<R> = [WithParams<R, 0>] extends [never]
  ? [WithParams<R, 1>] extends [never]
    ? [WithParams<R, 2>] extends [never]
      ? R
      : WithParams<R, 2>
    : WithParams<R, 1>
  : WithParams<R, 0>;
type AnswerOf<R> = R extends { answers: infer A } ? { [K in keyof A]: A[K] extends z.ZodType ? z.output<A[K]> : string }[keyof A] : never;
/** The success answer of the contract's route for this method and path; `any` where no route matches or the path is only known as a string. */
export type RouteAnswer<M extends HttpMethod, P extends string> = string extends P
  ? any
  : [Best<Matching<M, P>>] extends [never]
    ? any
    : AnswerOf<Best<Matching<M, P>>>;
