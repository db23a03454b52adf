#include "chat/persona_repository.h"

#include "store/clock.h"

namespace echoes::chat {

std::optional<Persona> PersonaRepository::get(const std::string& user_id) {
  auto st = db_.connection().prepare(
      "SELECT user_id, name, speaking_style, audience, updated_at FROM personas WHERE user_id = ?");
  st.bind(1, user_id);
  if (!st.step()) return std::nullopt;
  return Persona{st.column_text(0), st.column_text(1), st.column_text(2), st.column_text(3), st.column_double(4)};
}

Persona PersonaRepository::put(const std::string& user_id, const std::string& name,
                               const std::string& speaking_style, const std::string& audience) {
  Persona persona{user_id, name, speaking_style, audience, store::unix_now_s()};
  db_.connection()
      .prepare("INSERT INTO personas (user_id, name, speaking_style, audience, updated_at) VALUES (?, ?, ?, ?, ?) "
               "ON CONFLICT(user_id) DO UPDATE SET name = excluded.name, speaking_style = excluded.speaking_style, "
               "audience = excluded.audience, updated_at = excluded.updated_at")
      .bind_all(persona.user_id, persona.name, persona.speaking_style, persona.audience, persona.updated_at)
      .run();
  return persona;
}

}  // namespace echoes::chat
