/** ListEcsSpecs: a fixed catalogue of CPU instance types (docs/decisions/local-pai-ecs-specs.md). */
import { type EcsSpec, type ListEcsSpecsQuery, validators } from "@imagebuild/schema";
import { parseQuery } from "../http/parse-query.ts";
import type { Route } from "../http/route.ts";

/** The ListEcsSpecs page size when `PageSize` is absent. */
export const DEFAULT_ECS_SPECS_PAGE_SIZE = 10;

const cpu = (InstanceType: string, Cpu: number, Memory: number): EcsSpec => ({
  InstanceType,
  AcceleratorType: "CPU",
  Cpu,
  Memory,
  Gpu: 0,
  GpuMemory: 0,
  GpuType: "",
  IsAvailable: true,
  PaymentTypes: ["PostPaid"],
  ResourceType: "ECS",
});

/**
 * The instance types the local service lists: common CPU types a build's `Resource.EcsSpec` names.
 * Memory is in GiB. A local build runs on this machine whatever the spec says.
 *
 * @example
 * ECS_SPECS.map((s) => s.InstanceType) // ["ecs.c6.large", …]
 */
export const ECS_SPECS: readonly EcsSpec[] = [
  cpu("ecs.c6.large", 2, 4),
  cpu("ecs.c6.xlarge", 4, 8),
  cpu("ecs.c6.2xlarge", 8, 16),
  cpu("ecs.g6.large", 2, 8),
  cpu("ecs.g6.xlarge", 4, 16),
  cpu("ecs.g6.2xlarge", 8, 32),
  cpu("ecs.r6.large", 2, 16),
  cpu("ecs.r6.xlarge", 4, 32),
];

const SORT_KEYS: Record<NonNullable<ListEcsSpecsQuery["SortBy"]>, (s: EcsSpec) => number> = {
  CPU: (s) => s.Cpu ?? 0,
  GPU: (s) => s.Gpu ?? 0,
  Memory: (s) => s.Memory ?? 0,
  GmtCreateTime: () => 0,
};

/**
 * `GET /api/v1/ecsspecs`: filters by AcceleratorType, InstanceTypes and ResourceType; sorts; pages.
 *
 * @example
 * // GET /api/v1/ecsspecs?AcceleratorType=CPU&SortBy=Memory&Order=desc
 */
export const listEcsSpecsRoute: Route = {
  method: "GET",
  path: "/api/v1/ecsspecs",
  action: "ListEcsSpecs",
  handle(req) {
    const q = parseQuery(validators.ListEcsSpecsQuery, req.query);
    const types = q.InstanceTypes === undefined ? undefined : new Set(q.InstanceTypes.split(","));
    const matching = ECS_SPECS.filter(
      (s) =>
        (q.AcceleratorType === undefined || s.AcceleratorType === q.AcceleratorType) &&
        (q.ResourceType === undefined || s.ResourceType === q.ResourceType) &&
        (types === undefined || types.has(s.InstanceType)),
    );
    if (q.SortBy !== undefined) {
      const key = SORT_KEYS[q.SortBy];
      const sign = q.Order?.toLowerCase() === "desc" ? -1 : 1;
      matching.sort((a, b) => sign * (key(a) - key(b)));
    }
    const pageSize = q.PageSize === undefined ? DEFAULT_ECS_SPECS_PAGE_SIZE : Number(q.PageSize);
    const start = ((q.PageNumber === undefined ? 1 : Number(q.PageNumber)) - 1) * pageSize;
    return {
      body: { TotalCount: matching.length, EcsSpecs: matching.slice(start, start + pageSize) },
    };
  },
};
