package dev.latchkey.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class ClientRepository implements PanacheRepositoryBase<ClientEntity, String> {

    public List<ClientEntity> page(String after, int limit) {
        return find("clientId > ?1 order by clientId", after == null ? "" : after).page(0, limit + 1).list();
    }
}
