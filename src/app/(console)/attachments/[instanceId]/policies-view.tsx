"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { PoliciesLoading } from "@/components/policies/page-loading";
import { lazyComponent } from "@/lib/lazy";
import { useTRPC } from "@/trpc/react";

/** The page's first paint is its loading state; what shows the policies loads with them. */
const InstancePolicies = lazyComponent(
  () => import("@/components/policies/instance-policies").then((policies) => policies.InstancePolicies),
  <PoliciesLoading />,
);

export function PoliciesView({ instanceId }: { instanceId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(() => {
    void queryClient.prefetchQuery(trpc.policy.forInstance.queryOptions({ instanceId }));
  }, [queryClient, trpc, instanceId]);
  return <InstancePolicies instanceId={instanceId} />;
}
