<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>KafkaConnectionDialog</name>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="5"/>
        <source>Kafka connection</source>
        <translation>Kafka-Verbindung</translation>
    </message>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="9"/>
        <source>Embedded broker (no account, no network)</source>
        <translation>Eingebauter Broker (ohne Konto, ohne Netzwerk)</translation>
    </message>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="15"/>
        <source>A Kafka cluster</source>
        <translation>Ein Kafka-Cluster</translation>
    </message>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="23"/>
        <source>&amp;Bootstrap servers:</source>
        <translation>&amp;Bootstrap-Server:</translation>
    </message>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="29"/>
        <source>host:9092[,host:9092…]</source>
        <translation>host:9092[,host:9092…]</translation>
    </message>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="34"/>
        <source>&amp;Properties file:</source>
        <translation>&amp;Eigenschaftendatei:</translation>
    </message>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="41"/>
        <source>optional: librdkafka key=value lines (SASL, TLS)</source>
        <translation>optional: librdkafka-Zeilen schlüssel=wert (SASL, TLS)</translation>
    </message>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="43"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.ui" line="9"/>
        <source>Pit Wall</source>
        <translation>Pit Wall</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="25"/>
        <source>Press Start to run a race on the embedded Kafka broker.</source>
        <translation>Start drücken, um ein Rennen auf dem eingebauten Kafka-Broker zu fahren.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="45"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="51"/>
        <source>&amp;Race</source>
        <translation>&amp;Rennen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="56"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="64"/>
        <source>Race</source>
        <translation>Rennen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="73"/>
        <source>&amp;Start race</source>
        <translation>Rennen &amp;starten</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="74"/>
        <source>Start a race on the connected Kafka (Ctrl+R)</source>
        <translation>Ein Rennen auf dem verbundenen Kafka starten (Strg+R)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="75"/>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="78"/>
        <source>S&amp;top race</source>
        <translation>Rennen s&amp;toppen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="79"/>
        <source>Stop the race after every message is read back (Ctrl+.)</source>
        <translation>Das Rennen beenden, sobald jede Nachricht zurückgelesen ist (Strg+.)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="80"/>
        <source>Ctrl+.</source>
        <translation>Ctrl+.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="83"/>
        <source>&amp;Kafka connection…</source>
        <translation>&amp;Kafka-Verbindung…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="84"/>
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="87"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="88"/>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="91"/>
        <source>&amp;About Pit Wall</source>
        <translation>Ü&amp;ber Pit Wall</translation>
    </message>
</context>
<context>
    <name>pitwall::KafkaConnectionDialog</name>
    <message>
        <location filename="../src/gui/KafkaConnectionDialog.cpp" line="21"/>
        <source>librdkafka properties file</source>
        <translation>librdkafka-Eigenschaftendatei</translation>
    </message>
    <message>
        <location filename="../src/gui/KafkaConnectionDialog.cpp" line="41"/>
        <source>Enter the bootstrap servers or a properties file that names them.</source>
        <translation>Bootstrap-Server eingeben oder eine Eigenschaftendatei, die sie nennt.</translation>
    </message>
</context>
<context>
    <name>pitwall::LeaderboardModel</name>
    <message>
        <location filename="../src/gui/LeaderboardModel.cpp" line="29"/>
        <source>Pos</source>
        <translation>Pos.</translation>
    </message>
    <message>
        <location filename="../src/gui/LeaderboardModel.cpp" line="30"/>
        <source>+/-</source>
        <translation>+/-</translation>
    </message>
    <message>
        <location filename="../src/gui/LeaderboardModel.cpp" line="31"/>
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <location filename="../src/gui/LeaderboardModel.cpp" line="32"/>
        <source>Driver</source>
        <translation>Fahrer</translation>
    </message>
    <message>
        <location filename="../src/gui/LeaderboardModel.cpp" line="33"/>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../src/gui/LeaderboardModel.cpp" line="34"/>
        <source>Speed (km/h)</source>
        <translation>Tempo (km/h)</translation>
    </message>
</context>
<context>
    <name>pitwall::MainWindow</name>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="57"/>
        <source>About Pit Wall</source>
        <translation>Über Pit Wall</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="58"/>
        <source>&lt;b&gt;Pit Wall %1&lt;/b&gt;&lt;p&gt;Follow a Formula 1 race live: leaderboard, telemetry and a streaming-AI pit wall, on an embedded Kafka broker or your own cluster.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Pit Wall %1&lt;/b&gt;&lt;p&gt;Ein Formel-1-Rennen live verfolgen: Rangliste, Telemetrie und eine Streaming-KI-Boxenmauer, auf einem eingebauten Kafka-Broker oder dem eigenen Cluster.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="102"/>
        <source>Connecting to Kafka at %1…</source>
        <translation>Verbinde mit Kafka unter %1…</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="103"/>
        <source>Starting the embedded Kafka broker…</source>
        <translation>Starte den eingebauten Kafka-Broker…</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="118"/>
        <source>%1. Change it in File ▸ Kafka connection (Ctrl+K).</source>
        <translation>%1. Ändern unter Datei ▸ Kafka-Verbindung (Strg+K).</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="119"/>
        <source>Kafka: not connected</source>
        <translation>Kafka: nicht verbunden</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="125"/>
        <source>Kafka: %1 (%2)</source>
        <translation>Kafka: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="127"/>
        <source>embedded broker</source>
        <translation>eingebauter Broker</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="127"/>
        <source>cluster</source>
        <translation>Cluster</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="155"/>
        <source>Race %1 — live</source>
        <translation>Rennen %1 — live</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="159"/>
        <source>The race could not start: %1</source>
        <translation>Das Rennen konnte nicht starten: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="164"/>
        <source>Race %1 — finished: %2 of %3 messages read back</source>
        <translation>Rennen %1 — beendet: %2 von %3 Nachrichten zurückgelesen</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="168"/>
        <source>Starting a race…</source>
        <translation>Starte ein Rennen…</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="177"/>
        <source>Race %1 — stopping: reading back every message…</source>
        <translation>Rennen %1 — wird beendet: lese jede Nachricht zurück…</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="197"/>
        <source>produced %1 · consumed %2</source>
        <translation>erzeugt %1 · gelesen %2</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="198"/>
        <source>lag %1</source>
        <translation>Rückstand %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="200"/>
        <source>errors %1 · skipped %2</source>
        <translation>Fehler %1 · übersprungen %2</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="201"/>
        <source>errors %1</source>
        <translation>Fehler %1</translation>
    </message>
</context>
</TS>
