import { useMutation, useQuery } from "convex/react";
import { api } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";

export function Tasks({ userId }: { userId: Id<"users"> }) {
  const tasks = useQuery(api.tasks.list, { userId });
  const open = useQuery(api.tasks.listOpen, { userId });
  const create = useMutation(api.tasks.create);
  const complete = useMutation(api.tasks.complete);
  const startJob = useMutation(api.jobs.start);
  const upsertUser = useMutation(api.users.upsertUser);
  const me = useQuery(api.users.getCurrentUser);
  void [open, upsertUser, me, complete];
  return (
    <ul>
      {tasks?.map((t) => (
        <li key={t._id} onClick={() => void startJob({ taskId: t._id })}>
          {t.text}
        </li>
      ))}
      <li onClick={() => void create({ text: "new", userId })}>add</li>
    </ul>
  );
}
