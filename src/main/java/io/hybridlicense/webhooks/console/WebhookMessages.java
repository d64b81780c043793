package io.hybridlicense.webhooks.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The webhook pages' words ({@code hooks:} in templates). English here; Japanese in {@code messages/hooks_ja.properties}. */
@MessageBundle(value = "hooks", locale = "en")
public interface WebhookMessages {

    @Message("Webhooks") String webhooks();
    @Message("Every endpoint; those you add hear every user's events.") String adminIntro();
    @Message("Your endpoints: they hear your own events (your account, licenses, subscription and tables).") String userIntro();
    @Message("Each delivery is signed (Standard Webhooks) and retried for about three days.") String signedAndRetried();
    @Message("Endpoint added") String endpointAdded();
    @Message("Its signing secret, shown only now:") String itsSecret();
    @Message("Open the endpoint") String openEndpoint();
    @Message("Endpoints") String endpoints();
    @Message("Webhook endpoints, oldest first") String endpointsCaption();
    @Message("URL") String url();
    @Message("Events") String events();
    @Message("State") String state();
    @Message("Hears") String hears();
    @Message("Added") String added();
    @Message("enabled") String enabled();
    @Message("disabled ({reason})") String disabledBecause(String reason);
    @Message("user") String user();
    @Message("every user") String everyUser();
    @Message("No endpoints yet: add one below.") String noEndpoints();
    @Message("Add an endpoint") String addEndpoint();
    @Message("Description") String description();
    @Message("(optional)") String optional();
    @Message("Add") String add();

    @Message("Webhook endpoint") String endpoint();
    @Message("Signing secret, shown only now:") String signingSecret();
    @Message("Enabled.") String isEnabled();
    @Message("Disabled ({reason}).") String isDisabled(String reason);
    @Message("Failing since {since} UTC.") String failingSince(String since);
    @Message("Disable") String disable();
    @Message("Enable") String enable();
    @Message("Send a test event") String sendTest();
    @Message("Rotate the secret") String rotate();
    @Message("Delete") String delete();
    @Message("Settings") String settings();
    @Message("Save") String save();
    @Message("Deliveries") String deliveries();
    @Message("The latest 50 deliveries, newest first") String deliveriesCaption();
    @Message("Event") String event();
    @Message("Status") String status();
    @Message("Attempts") String attempts();
    @Message("Last answer") String lastAnswer();
    @Message("Latency") String latency();
    @Message("Queued") String queued();
    @Message("Action") String action();
    @Message("(next {at})") String next(String at);
    @Message("body") String body();
    @Message("{ms} ms") String milliseconds(Integer ms);
    @Message("Redeliver") String redeliver();
    @Message("Nothing delivered yet.") String nothingDelivered();

    @Message("Saved.") String saved();
    @Message("Disabled: nothing is sent until it is enabled again.") String disabledNotice();
    @Message("New secret: the previous one keeps signing beside it for 24 hours.") String newSecret();
    @Message("A test event was queued.") String testQueued();
    @Message("Queued for delivery again.") String requeued();
}
