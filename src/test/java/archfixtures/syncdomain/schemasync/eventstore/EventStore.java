package archfixtures.syncdomain.schemasync.eventstore;

public class EventStore {
}
