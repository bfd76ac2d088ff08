import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/server/auth/current-user";
import { listNotifications } from "@/server/data/notifications/list-notifications";
import { NotificationList } from "@/components/notifications/notification-list";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in?callbackUrl=/notifications");
  const notifications = await listNotifications(user);
  return (
    <div className="mx-auto w-full max-w-3xl px-4 py-8 sm:px-6" data-testid="notifications-page">
      <h1 className="text-3xl font-semibold tracking-tight text-foreground">Notifications</h1>
      <NotificationList notifications={notifications} now={new Date().toISOString()} />
    </div>
  );
}
