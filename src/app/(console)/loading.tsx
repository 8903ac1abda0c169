import { LoadingRows } from "@/components/states";

export default function Loading() {
  return <LoadingRows label="Loading page" />;
}
