<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AskPanel</name>
    <message>
        <location filename="../ui/AskPanel.ui" line="17" />
        <source>Search the commentary by meaning, or ask the race engineer, who looks the answer up in the live race</source>
        <translation>Den Kommentar nach Bedeutung durchsuchen oder den Renningenieur fragen, der die Antwort im laufenden Rennen nachschlägt</translation>
    </message>
    <message>
        <location filename="../ui/AskPanel.ui" line="18" />
        <source>Search commentary</source>
        <translation>Kommentar durchsuchen</translation>
    </message>
    <message>
        <location filename="../ui/AskPanel.ui" line="19" />
        <source>Race engineer</source>
        <translation>Renningenieur</translation>
    </message>
    <message>
        <location filename="../ui/AskPanel.ui" line="24" />
        <source>Ask about the commentary, e.g. "comments about Hamilton"</source>
        <translation>Frag zum Kommentar, z. B. „Kommentare zu Hamilton“</translation>
    </message>
    <message>
        <location filename="../ui/AskPanel.ui" line="31" />
        <source>This race only</source>
        <translation>Nur dieses Rennen</translation>
    </message>
    <message>
        <location filename="../ui/AskPanel.ui" line="36" />
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <location filename="../ui/AskPanel.ui" line="37" />
        <source>Forget this conversation and start a new one</source>
        <translation>Dieses Gespräch vergessen und ein neues beginnen</translation>
    </message>
    <message>
        <location filename="../ui/AskPanel.ui" line="42" />
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location filename="../ui/AskPanel.ui" line="61" />
        <source>Score</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../ui/AskPanel.ui" line="62" />
        <source>Commentary</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <location filename="../ui/AskPanel.ui" line="63" />
        <source>Race</source>
        <translation>Rennen</translation>
    </message>
    <message>
        <location filename="../ui/AskPanel.ui" line="64" />
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../ui/AskPanel.ui" line="85" />
        <source>Ask the race engineer about the running race, e.g. "What's the gap between Norris and Piastri, and who is faster on the last three laps?"</source>
        <translation>Fragen Sie den Renningenieur zum laufenden Rennen, z. B. „Wie groß ist der Abstand zwischen Norris und Piastri, und wer war in den letzten drei Runden schneller?“</translation>
    </message>
</context>
<context>
    <name>CloudDeployPanel</name>
    <message>
        <location filename="../ui/CloudDeployPanel.ui" line="5" />
        <source>Confluent Cloud Flink</source>
        <translation>Confluent Cloud Flink</translation>
    </message>
    <message>
        <location filename="../ui/CloudDeployPanel.ui" line="13" />
        <source>Deploy to Confluent Cloud</source>
        <translation>In Confluent Cloud bereitstellen</translation>
    </message>
    <message>
        <location filename="../ui/CloudDeployPanel.ui" line="13" />
        <source>Creates the connections, models, tables and INSERT statements (kept if already there) and switches the matching local stages off</source>
        <translation>Legt Verbindungen, Modelle, Tabellen und INSERT-Anweisungen an (Vorhandenes bleibt) und schaltet die entsprechenden lokalen Stufen ab</translation>
    </message>
    <message>
        <location filename="../ui/CloudDeployPanel.ui" line="14" />
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <location filename="../ui/CloudDeployPanel.ui" line="14" />
        <source>Stops the running INSERT statements (kept, deploy runs them again) and switches the local stages back on</source>
        <translation>Hält die laufenden INSERT-Anweisungen an (sie bleiben, Bereitstellen startet sie wieder) und schaltet die lokalen Stufen wieder ein</translation>
    </message>
    <message>
        <location filename="../ui/CloudDeployPanel.ui" line="15" />
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <location filename="../ui/CloudDeployPanel.ui" line="15" />
        <source>Deletes the statements and connections Pit Wall deployed</source>
        <translation>Löscht die Anweisungen und Verbindungen, die Pit Wall bereitgestellt hat</translation>
    </message>
    <message>
        <location filename="../ui/CloudDeployPanel.ui" line="16" />
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../ui/CloudDeployPanel.ui" line="16" />
        <source>Reads each deployed statement's phase now</source>
        <translation>Liest jetzt die Phase jeder bereitgestellten Anweisung</translation>
    </message>
    <message>
        <location filename="../ui/CloudDeployPanel.ui" line="17" />
        <source>Copy plan as SQL</source>
        <translation>Plan als SQL kopieren</translation>
    </message>
    <message>
        <location filename="../ui/CloudDeployPanel.ui" line="17" />
        <source>Copies the whole plan Deploy would run, in order, as Flink SQL to paste into a Confluent Cloud workspace (secrets as placeholders)</source>
        <translation>Kopiert den ganzen Plan, den Bereitstellen ausführen würde, in Reihenfolge als Flink-SQL zum Einfügen in einen Confluent-Cloud-Arbeitsbereich (Geheimnisse als Platzhalter)</translation>
    </message>
    <message>
        <location filename="../ui/CloudDeployPanel.ui" line="33" />
        <source>Schema, connection or statement</source>
        <translation>Schema, Verbindung oder Anweisung</translation>
    </message>
    <message>
        <location filename="../ui/CloudDeployPanel.ui" line="34" />
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <location filename="../ui/CloudDeployPanel.ui" line="35" />
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
</context>
<context>
    <name>CloudPipelinePlan</name>
    <message>
        <location filename="../src/cloud/CloudPipelinePlan.cpp" line="135" />
        <source>runs in the app: it writes each commentary line with its embedding to MongoDB Atlas through the app's MongoDB driver (Confluent Cloud's MongoDB tables are read-only)</source>
        <translation>läuft in der App: sie schreibt jede Kommentarzeile mit ihrem Embedding über den MongoDB-Treiber der App in MongoDB Atlas (die MongoDB-Tabellen von Confluent Cloud sind nur lesbar)</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudPipelinePlan.cpp" line="139" />
        <source>needs Amazon Bedrock (region, keys and model) for AI_COMPLETE</source>
        <translation>braucht Amazon Bedrock (Region, Schlüssel und Modell) für AI_COMPLETE</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudPipelinePlan.cpp" line="141" />
        <source>needs an OpenAI key for the embedding model</source>
        <translation>braucht einen OpenAI-Schlüssel für das Embedding-Modell</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudPipelinePlan.cpp" line="143" />
        <source>needs MongoDB Atlas (URI with user, database, collection, index) for VECTOR_SEARCH_AGG</source>
        <translation>braucht MongoDB Atlas (URI mit Benutzer, Datenbank, Sammlung, Index) für VECTOR_SEARCH_AGG</translation>
    </message>
</context>
<context>
    <name>FeedPanel</name>
    <message>
        <location filename="../ui/FeedPanel.ui" line="14" />
        <source>Driver</source>
        <translation>Fahrer</translation>
    </message>
    <message>
        <location filename="../ui/FeedPanel.ui" line="20" />
        <source>Show only the lines about one driver</source>
        <translation>Nur die Zeilen zu einem Fahrer zeigen</translation>
    </message>
    <message>
        <location filename="../ui/FeedPanel.ui" line="32" />
        <source>Click a line to see that moment everywhere; Ctrl+C copies it</source>
        <translation>Eine Zeile anklicken, um diesen Moment überall zu sehen; Strg+C kopiert sie</translation>
    </message>
</context>
<context>
    <name>KafkaConnectionDialog</name>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="5" />
        <source>Kafka connection</source>
        <translation>Kafka-Verbindung</translation>
    </message>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="9" />
        <source>Embedded broker (no account, no network)</source>
        <translation>Eingebauter Broker (ohne Konto, ohne Netzwerk)</translation>
    </message>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="15" />
        <source>A Kafka cluster</source>
        <translation>Ein Kafka-Cluster</translation>
    </message>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="23" />
        <source>&amp;Bootstrap servers:</source>
        <translation>&amp;Bootstrap-Server:</translation>
    </message>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="29" />
        <source>host:9092[,host:9092…]</source>
        <translation>host:9092[,host:9092…]</translation>
    </message>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="34" />
        <source>&amp;Properties file:</source>
        <translation>&amp;Eigenschaftendatei:</translation>
    </message>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="41" />
        <source>optional: librdkafka key=value lines (SASL, TLS)</source>
        <translation>optional: librdkafka-Zeilen schlüssel=wert (SASL, TLS)</translation>
    </message>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="43" />
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="17" />
        <source>Search races by name, circuit or state</source>
        <translation>Rennen nach Name, Strecke oder Zustand suchen</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="23" />
        <source>Import &amp;real race…</source>
        <translation>&amp;Echtes Rennen importieren…</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="24" />
        <source>Add a real Formula 1 race: a live-timing session folder, a zip, OpenF1 files, or a download</source>
        <translation>Ein echtes Formel-1-Rennen hinzufügen: ein Live-Timing-Sitzungsordner, ein Zip, OpenF1-Dateien oder ein Download</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="51" />
        <source>&amp;Replay</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="52" />
        <source>Play the race again as it was recorded, commentary and anomalies included</source>
        <translation>Das Rennen so abspielen, wie es aufgezeichnet wurde, mit Kommentaren und Anomalien</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="57" />
        <source>Re-&amp;run pipeline</source>
        <translation>Pipeline &amp;neu ausführen</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="58" />
        <source>Play the race's own data again and run the pipeline on it afresh</source>
        <translation>Die Daten des Rennens erneut abspielen und die Pipeline neu darauf anwenden</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="68" />
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="69" />
        <source>Add a race exported as JSON Lines</source>
        <translation>Ein als JSON Lines exportiertes Rennen hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="74" />
        <source>E&amp;xport…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="75" />
        <source>Write the race to a file: JSON Lines (can be imported) or CSV</source>
        <translation>Das Rennen in eine Datei schreiben: JSON Lines (importierbar) oder CSV</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="63" />
        <source>Re&amp;name</source>
        <translation>&amp;Umbenennen</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="80" />
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
</context>
<context>
    <name>LiveServersDialog</name>
    <message>
        <location filename="../ui/LiveServersDialog.ui" line="8" />
        <source>Live servers</source>
        <translation>Live-Server</translation>
    </message>
    <message>
        <location filename="../ui/LiveServersDialog.ui" line="12" />
        <source>MCP server for AI agents</source>
        <translation>MCP-Server für KI-Agenten</translation>
    </message>
    <message>
        <location filename="../ui/LiveServersDialog.ui" line="17" />
        <location filename="../ui/LiveServersDialog.ui" line="67" />
        <source>Port (loopback)</source>
        <translation>Port (nur lokal)</translation>
    </message>
    <message>
        <location filename="../ui/LiveServersDialog.ui" line="27" />
        <source>Bearer token</source>
        <translation>Bearer-Token</translation>
    </message>
    <message>
        <location filename="../ui/LiveServersDialog.ui" line="39" />
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <location filename="../ui/LiveServersDialog.ui" line="44" />
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../ui/LiveServersDialog.ui" line="47" />
        <source>New token</source>
        <translation>Neues Token</translation>
    </message>
    <message>
        <location filename="../ui/LiveServersDialog.ui" line="62" />
        <source>WebSocket live feed and overlay</source>
        <translation>WebSocket-Live-Feed und Overlay</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.ui" line="9" />
        <source>Pit Wall</source>
        <translation>Pit Wall</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="25" />
        <source>Press Start to run a race on the embedded Kafka broker.</source>
        <translation>Start drücken, um ein Rennen auf dem eingebauten Kafka-Broker zu fahren.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="60" />
        <source>Back to the leaderboard</source>
        <translation>Zurück zur Rangliste</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="71" />
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="79" />
        <source>&amp;Race</source>
        <translation>&amp;Rennen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="84" />
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="88" />
        <source>&amp;Theme</source>
        <translation>&amp;Design</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="97" />
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="106" />
        <source>Race</source>
        <translation>Rennen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="115" />
        <source>&amp;Start race</source>
        <translation>Rennen &amp;starten</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="116" />
        <source>Start a race on the connected Kafka (Ctrl+R)</source>
        <translation>Ein Rennen auf dem verbundenen Kafka starten (Strg+R)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="117" />
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="120" />
        <source>S&amp;top race</source>
        <translation>Rennen s&amp;toppen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="121" />
        <source>Stop the race after every message is read back (Ctrl+.)</source>
        <translation>Das Rennen beenden, sobald jede Nachricht zurückgelesen ist (Strg+.)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="122" />
        <source>Ctrl+.</source>
        <translation>Ctrl+.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="125" />
        <source>&amp;Kafka connection…</source>
        <translation>&amp;Kafka-Verbindung…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="126" />
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="129" />
        <source>&amp;Setup wizard…</source>
        <translation>&amp;Einrichtungsassistent…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="130" />
        <source>Connect Confluent Cloud, Amazon Bedrock, OpenAI and MongoDB Atlas, or change those connections</source>
        <translation>Confluent Cloud, Amazon Bedrock, OpenAI und MongoDB Atlas verbinden oder diese Verbindungen ändern</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="133" />
        <source>&amp;Live servers (MCP, overlay feed)…</source>
        <translation>&amp;Live-Server (MCP, Overlay-Feed)…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="134" />
        <source>Serve the live race to AI agents (MCP) and to overlays (WebSocket)</source>
        <translation>Das laufende Rennen für KI-Agenten (MCP) und Overlays (WebSocket) bereitstellen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="137" />
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="138" />
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="143" />
        <source>&amp;Live</source>
        <translation>&amp;Live</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="144" />
        <source>Follow the newest moment of the race again (End)</source>
        <translation>Wieder dem neuesten Moment des Rennens folgen (Ende)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="145" />
        <source>End</source>
        <translation>End</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="149" />
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="153" />
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="156" />
        <source>&amp;Reset layout</source>
        <translation>Anordnung &amp;zurücksetzen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="157" />
        <source>Put every panel back where it was at first start</source>
        <translation>Jedes Fenster wieder dorthin setzen, wo es beim ersten Start war</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="160" />
        <source>&amp;About Pit Wall</source>
        <translation>Ü&amp;ber Pit Wall</translation>
    </message>
</context>
<context>
    <name>PipelinePanel</name>
    <message>
        <location filename="../ui/PipelinePanel.ui" line="17" />
        <source>On this machine</source>
        <translation>Auf diesem Rechner</translation>
    </message>
    <message>
        <location filename="../ui/PipelinePanel.ui" line="43" />
        <source>The same stage as Flink SQL for Confluent Cloud:</source>
        <translation>Dieselbe Stufe als Flink SQL für Confluent Cloud:</translation>
    </message>
    <message>
        <location filename="../ui/PipelinePanel.ui" line="50" />
        <source>Select a stage to see its Flink SQL.</source>
        <translation>Wählen Sie eine Stufe, um ihr Flink SQL zu sehen.</translation>
    </message>
    <message>
        <location filename="../ui/PipelinePanel.ui" line="60" />
        <source>Confluent Cloud Flink</source>
        <translation>Confluent Cloud Flink</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="149" />
        <source>Enter the bootstrap server (HOST:PORT) or choose a properties file.</source>
        <translation>Geben Sie den Bootstrap-Server (HOST:PORT) ein oder wählen Sie eine Properties-Datei.</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="152" />
        <source>Enter the API secret that goes with the API key.</source>
        <translation>Geben Sie das API-Secret zum API-Schlüssel ein.</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="154" />
        <source>Confluent Cloud needs the cluster's API key and secret.</source>
        <translation>Confluent Cloud braucht den API-Schlüssel und das Secret des Clusters.</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="165" />
        <source>The Schema Registry URL must look like https://psrc-xxxxx.region.provider.confluent.cloud.</source>
        <translation>Die Schema-Registry-URL sieht aus wie https://psrc-xxxxx.region.provider.confluent.cloud.</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="167" />
        <source>The Schema Registry URL must start with https://: its API key would travel in clear over plain http (http is allowed only to this machine).</source>
        <translation>Die Schema-Registry-URL muss mit https:// beginnen: ihr API-Schlüssel würde über einfaches http im Klartext übertragen (http ist nur zu diesem Rechner erlaubt).</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="170" />
        <source>Enter the Schema Registry API key and secret (not the Kafka ones).</source>
        <translation>Geben Sie API-Schlüssel und Secret der Schema Registry ein (nicht die von Kafka).</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="180" />
        <source>Enter the region of the compute pool, e.g. us-east-1.</source>
        <translation>Geben Sie die Region des Compute-Pools ein, z. B. us-east-1.</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="182" />
        <source>The region is a name like us-east-1, europe-west4 or eastus (lower-case letters, digits and dashes).</source>
        <translation>Die Region ist ein Name wie us-east-1, europe-west4 oder eastus (Kleinbuchstaben, Ziffern und Bindestriche).</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="184" />
        <source>The cloud provider is aws, gcp or azure.</source>
        <translation>Der Cloud-Anbieter ist aws, gcp oder azure.</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="186" />
        <source>The organization ID is a UUID (Administration ▸ Organization settings).</source>
        <translation>Die Organisations-ID ist eine UUID (Administration ▸ Organization settings).</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="191" />
        <source>The environment ID starts with env-.</source>
        <translation>Die Umgebungs-ID beginnt mit env-.</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="193" />
        <source>The compute pool ID starts with lfcp-.</source>
        <translation>Die Compute-Pool-ID beginnt mit lfcp-.</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="195" />
        <source>Enter the Flink API key and secret (a Flink key for this environment and region).</source>
        <translation>Geben Sie Flink-API-Schlüssel und Secret ein (ein Flink-Schlüssel für diese Umgebung und Region).</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="204" />
        <source>The AWS region looks like us-east-1.</source>
        <translation>Eine AWS-Region sieht aus wie us-east-1.</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="207" />
        <source>An AWS access key ID starts with AKIA (or ASIA for temporary credentials).</source>
        <translation>Eine AWS-Zugriffsschlüssel-ID beginnt mit AKIA (oder ASIA bei temporären Zugangsdaten).</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="209" />
        <source>Enter both the access key ID and the secret access key (or neither, to use AWS_PROFILE).</source>
        <translation>Geben Sie Zugriffsschlüssel-ID und geheimen Zugriffsschlüssel ein (oder keines von beiden, um AWS_PROFILE zu nutzen).</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="211" />
        <source>Temporary credentials (ASIA…) need their session token.</source>
        <translation>Temporäre Zugangsdaten (ASIA…) brauchen ihr Session-Token.</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="215" />
        <source>Enter the model ID or inference profile, e.g. us.anthropic.claude-3-5-sonnet-20240620-v1:0.</source>
        <translation>Geben Sie die Modell-ID oder das Inference-Profil ein, z. B. us.anthropic.claude-3-5-sonnet-20240620-v1:0.</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="217" />
        <source>Quotas are positive numbers (or 0 for the default).</source>
        <translation>Kontingente sind positive Zahlen (oder 0 für den Standard).</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="226" />
        <source>The base URL must be an http(s) URL, e.g. https://api.openai.com/v1.</source>
        <translation>Die Basis-URL muss eine http(s)-URL sein, z. B. https://api.openai.com/v1.</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="229" />
        <source>With an API key the base URL must start with https://: the key would travel in clear over plain http (http is allowed only to this machine, for local models).</source>
        <translation>Mit einem API-Schlüssel muss die Basis-URL mit https:// beginnen: der Schlüssel würde über einfaches http im Klartext übertragen (http ist nur zu diesem Rechner erlaubt, für lokale Modelle).</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="233" />
        <source>Enter the OpenAI API key (compatible servers may not need one: give their base URL).</source>
        <translation>Geben Sie den OpenAI-API-Schlüssel ein (kompatible Server brauchen evtl. keinen: geben Sie deren Basis-URL an).</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="243" />
        <source>The connection URI starts with mongodb+srv:// (Atlas) or mongodb://.</source>
        <translation>Die Verbindungs-URI beginnt mit mongodb+srv:// (Atlas) oder mongodb://.</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="246" />
        <source>Enter the database, collection and vector index names.</source>
        <translation>Geben Sie Datenbank, Collection und Vektorindex an.</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="308" />
        <source>Could not keep a secret (%1): %2</source>
        <translation>Ein Secret konnte nicht gespeichert werden (%1): %2</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="43" />
        <source>the properties file</source>
        <translation>die Properties-Datei</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="44" />
        <location filename="../src/setup/DemoConfigImport.cpp" line="83" />
        <source>Kafka bootstrap</source>
        <translation>Kafka-Bootstrap</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="45" />
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="46" />
        <source>API secret</source>
        <translation>API-Secret</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="58" />
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="64" />
        <source>%1 is neither the demo's config.yaml nor a librdkafka properties file.</source>
        <translation>%1 ist weder die config.yaml der Demo noch eine librdkafka-Properties-Datei.</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="71" />
        <source>%1 is not valid YAML (line %2: %3).</source>
        <translation>%1 ist kein gültiges YAML (Zeile %2: %3).</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="77" />
        <source>%1 does not hold the demo's settings.</source>
        <translation>%1 enthält nicht die Einstellungen der Demo.</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="84" />
        <source>Kafka API key</source>
        <translation>Kafka-API-Schlüssel</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="85" />
        <source>Kafka API secret</source>
        <translation>Kafka-API-Secret</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="89" />
        <source>Schema Registry URL</source>
        <translation>Schema-Registry-URL</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="90" />
        <source>Schema Registry key</source>
        <translation>Schema-Registry-Schlüssel</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="91" />
        <source>Schema Registry secret</source>
        <translation>Schema-Registry-Secret</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="102" />
        <source>Cloud API key</source>
        <translation>Cloud-API-Schlüssel</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="103" />
        <source>Cloud API secret</source>
        <translation>Cloud-API-Secret</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="104" />
        <source>environment name</source>
        <translation>Umgebungsname</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="105" />
        <source>cluster name</source>
        <translation>Clustername</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="106" />
        <source>Flink pool name</source>
        <translation>Name des Flink-Pools</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="107" />
        <source>cloud</source>
        <translation>Cloud</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="108" />
        <source>region</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="110" />
        <source>%1: unexpected content (%2).</source>
        <translation>%1: unerwarteter Inhalt (%2).</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="113" />
        <source>%1 holds none of the demo's settings (or only placeholders).</source>
        <translation>%1 enthält keine Einstellungen der Demo (oder nur Platzhalter).</translation>
    </message>
</context>
<context>
    <name>RaceReports</name>
    <message>
        <location filename="../src/gui/RaceReports.cpp" line="20" />
        <source>Fastest lap: &lt;b&gt;%1&lt;/b&gt;, %2 on lap %3</source>
        <translation>Schnellste Runde: &lt;b&gt;%1&lt;/b&gt;, %2 in Runde %3</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceReports.cpp" line="28" />
        <source>%1 — classification</source>
        <translation>%1 — Klassement</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceReports.cpp" line="30" />
        <source>%1 finished &lt;b&gt;P%2&lt;/b&gt;.</source>
        <translation>%1 kam als &lt;b&gt;P%2&lt;/b&gt; ins Ziel.</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceReports.cpp" line="34" />
        <source>Pos</source>
        <translation>Pos.</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceReports.cpp" line="34" />
        <source>Driver</source>
        <translation>Fahrer</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceReports.cpp" line="34" />
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceReports.cpp" line="52" />
        <source>Kafka: the embedded broker</source>
        <translation>Kafka: der eingebettete Broker</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceReports.cpp" line="53" />
        <source>Kafka: %1</source>
        <translation>Kafka: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceReports.cpp" line="56" />
        <source>Commentary, embeddings and vector store: offline, on this machine</source>
        <translation>Kommentar, Embeddings und Vektorspeicher: offline, auf diesem Rechner</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceReports.cpp" line="62" />
        <source>Commentary: the offline commentator</source>
        <translation>Kommentar: der Offline-Kommentator</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceReports.cpp" line="64" />
        <source>Commentary: Amazon Bedrock, %1 in %2</source>
        <translation>Kommentar: Amazon Bedrock, %1 in %2</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceReports.cpp" line="66" />
        <source>Commentary: OpenAI API, %1 at %2</source>
        <translation>Kommentar: OpenAI-API, %1 auf %2</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceReports.cpp" line="69" />
        <source>Embeddings: OpenAI API, %1 at %2</source>
        <translation>Embeddings: OpenAI-API, %1 auf %2</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceReports.cpp" line="70" />
        <source>Embeddings: offline (%1)</source>
        <translation>Embeddings: offline (%1)</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceReports.cpp" line="71" />
        <source>Vector store: %1</source>
        <translation>Vektorspeicher: %1</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../ui/SetupWizard.ui" line="6" />
        <source>Pit Wall setup</source>
        <translation>Pit-Wall-Einrichtung</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="9" />
        <source>Welcome to Pit Wall</source>
        <translation>Willkommen bei Pit Wall</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="10" />
        <source>Pit Wall runs on this computer with nothing to set up. Connect it to Confluent Cloud, Amazon Bedrock, OpenAI or MongoDB Atlas here — or skip any of them.</source>
        <translation>Pit Wall läuft auf diesem Computer ohne jede Einrichtung. Verbinden Sie es hier mit Confluent Cloud, Amazon Bedrock, OpenAI oder MongoDB Atlas – oder überspringen Sie, was Sie nicht brauchen.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="14" />
        <source>Each page checks what you type and has a Test button that makes a real call. Secrets go to the system keychain, never to the settings file. You can come back here any time from File ▸ Setup wizard.</source>
        <translation>Jede Seite prüft Ihre Eingaben und hat eine Test-Schaltfläche, die einen echten Aufruf macht. Secrets kommen in den Schlüsselbund des Systems, nie in die Einstellungsdatei. Sie erreichen diesen Assistenten jederzeit über Datei ▸ Einrichtungsassistent.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="21" />
        <source>Import the demo's files…</source>
        <translation>Dateien der Demo importieren…</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="21" />
        <source>backend/config.yaml, admin/config.yaml or a librdkafka properties file</source>
        <translation>backend/config.yaml, admin/config.yaml oder eine librdkafka-Properties-Datei</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="35" />
        <source>Where the race runs</source>
        <translation>Wo das Rennen läuft</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="36" />
        <source>Choose the Kafka the races go through.</source>
        <translation>Wählen Sie das Kafka, über das die Rennen laufen.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="39" />
        <source>Local — the embedded broker and pipeline on this computer (needs nothing)</source>
        <translation>Lokal – eingebetteter Broker und Pipeline auf diesem Computer (braucht nichts)</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="42" />
        <source>Confluent Cloud — Kafka, Schema Registry and Flink</source>
        <translation>Confluent Cloud – Kafka, Schema Registry und Flink</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="45" />
        <source>Your own Kafka — a bootstrap address and/or a librdkafka properties file</source>
        <translation>Ihr eigenes Kafka – eine Bootstrap-Adresse und/oder eine librdkafka-Properties-Datei</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="49" />
        <source>Nothing in Confluent Cloud yet? Pit Wall can create it (optional)</source>
        <translation>Noch nichts in Confluent Cloud? Pit Wall kann es anlegen (optional)</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="51" />
        <source>Cloud API key</source>
        <translation>Cloud-API-Schlüssel</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="52" />
        <source>a Cloud resource-management key</source>
        <translation>ein Cloud-Schlüssel für die Ressourcenverwaltung</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="53" />
        <source>Cloud API secret</source>
        <translation>Cloud-API-Secret</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="57" />
        <source>Create environment, cluster, pool and keys</source>
        <translation>Umgebung, Cluster, Pool und Schlüssel anlegen</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="57" />
        <source>Finds or creates them (idempotent), with a service account that owns the new API keys</source>
        <translation>Findet oder legt sie an (idempotent), mit einem Service-Account, dem die neuen API-Schlüssel gehören</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="58" />
        <source>Remove what Pit Wall created…</source>
        <translation>Von Pit Wall Erstelltes entfernen…</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="58" />
        <source>Deletes the API keys, pool, cluster, service account and environment Pit Wall created (never what it found)</source>
        <translation>Löscht die API-Schlüssel, den Pool, den Cluster, das Dienstkonto und die Umgebung, die Pit Wall erstellt hat (nie, was es vorgefunden hat)</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="69" />
        <source>Kafka</source>
        <translation>Kafka</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="70" />
        <source>The cluster's bootstrap server and, for Confluent Cloud, its API key (SASL/PLAIN over TLS; certificates are always verified).</source>
        <translation>Der Bootstrap-Server des Clusters und, für Confluent Cloud, sein API-Schlüssel (SASL/PLAIN über TLS; Zertifikate werden immer geprüft).</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="75" />
        <source>Bootstrap server</source>
        <translation>Bootstrap-Server</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="79" />
        <source>pkc-xxxxx.us-east-1.aws.confluent.cloud:9092</source>
        <translation>pkc-xxxxx.us-east-1.aws.confluent.cloud:9092</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="84" />
        <location filename="../ui/SetupWizard.ui" line="140" />
        <location filename="../ui/SetupWizard.ui" line="353" />
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="88" />
        <source>the cluster API key</source>
        <translation>der API-Schlüssel des Clusters</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="93" />
        <location filename="../ui/SetupWizard.ui" line="149" />
        <source>API secret</source>
        <translation>API-Secret</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="102" />
        <source>Properties file</source>
        <translation>Properties-Datei</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="106" />
        <source>optional: client.properties</source>
        <translation>optional: client.properties</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="108" />
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="114" />
        <location filename="../ui/SetupWizard.ui" line="161" />
        <location filename="../ui/SetupWizard.ui" line="258" />
        <location filename="../ui/SetupWizard.ui" line="336" />
        <location filename="../ui/SetupWizard.ui" line="393" />
        <location filename="../ui/SetupWizard.ui" line="450" />
        <source>Test</source>
        <translation>Testen</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="125" />
        <source>Schema Registry</source>
        <translation>Schema Registry</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="126" />
        <source>The registry of the environment (Avro and JSON Schema for the demo's topics), with its own API key.</source>
        <translation>Die Registry der Umgebung (Avro und JSON Schema für die Topics der Demo), mit eigenem API-Schlüssel.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="131" />
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="135" />
        <source>https://psrc-xxxxx.us-east-2.aws.confluent.cloud</source>
        <translation>https://psrc-xxxxx.us-east-2.aws.confluent.cloud</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="144" />
        <source>the Schema Registry API key</source>
        <translation>der API-Schlüssel der Schema Registry</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="172" />
        <source>Confluent Cloud Flink</source>
        <translation>Confluent Cloud Flink</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="173" />
        <source>Where Pit Wall deploys its pipeline as Flink SQL statements.</source>
        <translation>Wohin Pit Wall seine Pipeline als Flink-SQL-Statements bereitstellt.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="178" />
        <source>Cloud</source>
        <translation>Cloud</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="181" />
        <source>aws</source>
        <translation>aws</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="181" />
        <source>gcp</source>
        <translation>gcp</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="181" />
        <source>azure</source>
        <translation>azure</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="184" />
        <location filename="../ui/SetupWizard.ui" line="275" />
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="188" />
        <location filename="../ui/SetupWizard.ui" line="279" />
        <source>us-east-1</source>
        <translation>us-east-1</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="193" />
        <source>Organization ID</source>
        <translation>Organisations-ID</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="197" />
        <source>a UUID</source>
        <translation>eine UUID</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="202" />
        <source>Environment ID</source>
        <translation>Umgebungs-ID</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="206" />
        <source>env-xxxxx</source>
        <translation>env-xxxxx</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="211" />
        <source>Compute pool ID</source>
        <translation>Compute-Pool-ID</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="215" />
        <source>lfcp-xxxxx (empty: the default pool)</source>
        <translation>lfcp-xxxxx (leer: der Standard-Pool)</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="220" />
        <source>Flink API key</source>
        <translation>Flink-API-Schlüssel</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="228" />
        <source>Flink API secret</source>
        <translation>Flink-API-Secret</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="237" />
        <source>Catalog</source>
        <translation>Katalog</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="241" />
        <source>the environment's name</source>
        <translation>der Name der Umgebung</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="246" />
        <location filename="../ui/SetupWizard.ui" line="420" />
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="250" />
        <source>the Kafka cluster's name</source>
        <translation>der Name des Kafka-Clusters</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="269" />
        <source>Amazon Bedrock</source>
        <translation>Amazon Bedrock</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="270" />
        <source>The LLM for commentary and the race engineer. Leave the keys empty to use AWS_PROFILE or ~/.aws.</source>
        <translation>Das LLM für Kommentar und Renningenieur. Lassen Sie die Schlüssel leer, um AWS_PROFILE oder ~/.aws zu nutzen.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="284" />
        <source>Access key ID</source>
        <translation>Zugriffsschlüssel-ID</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="288" />
        <source>AKIA…</source>
        <translation>AKIA…</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="293" />
        <source>Secret access key</source>
        <translation>Geheimer Zugriffsschlüssel</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="302" />
        <source>Session token</source>
        <translation>Session-Token</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="306" />
        <source>only for temporary credentials (ASIA…)</source>
        <translation>nur für temporäre Zugangsdaten (ASIA…)</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="312" />
        <source>Model ID or inference profile</source>
        <translation>Modell-ID oder Inference-Profil</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="316" />
        <source>us.anthropic.claude-3-5-sonnet-20240620-v1:0</source>
        <translation>us.anthropic.claude-3-5-sonnet-20240620-v1:0</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="321" />
        <source>Requests per minute</source>
        <translation>Anfragen pro Minute</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="324" />
        <location filename="../ui/SetupWizard.ui" line="330" />
        <source>default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="327" />
        <source>Tokens per minute</source>
        <translation>Tokens pro Minute</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="347" />
        <source>OpenAI</source>
        <translation>OpenAI</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="348" />
        <source>Embeddings for the commentary search, and an LLM when Bedrock is not set. Any OpenAI-compatible server works through its base URL.</source>
        <translation>Embeddings für die Kommentarsuche und ein LLM, wenn Bedrock nicht eingerichtet ist. Jeder OpenAI-kompatible Server funktioniert über seine Basis-URL.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="357" />
        <source>sk-…</source>
        <translation>sk-…</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="363" />
        <source>Base URL</source>
        <translation>Basis-URL</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="367" />
        <source>https://api.openai.com/v1</source>
        <translation>https://api.openai.com/v1</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="372" />
        <source>Chat model</source>
        <translation>Chat-Modell</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="376" />
        <source>gpt-4o-mini</source>
        <translation>gpt-4o-mini</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="381" />
        <source>Embedding model</source>
        <translation>Embedding-Modell</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="385" />
        <source>text-embedding-3-small</source>
        <translation>text-embedding-3-small</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="404" />
        <source>MongoDB Atlas</source>
        <translation>MongoDB Atlas</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="405" />
        <source>The vector store for the commentary search (the demo's reinvent.commentary).</source>
        <translation>Der Vektorspeicher für die Kommentarsuche (reinvent.commentary der Demo).</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="410" />
        <source>Connection URI</source>
        <translation>Verbindungs-URI</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="414" />
        <source>mongodb+srv://user:password@cluster0.xxxxx.mongodb.net</source>
        <translation>mongodb+srv://user:password@cluster0.xxxxx.mongodb.net</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="424" />
        <source>reinvent</source>
        <translation>reinvent</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="429" />
        <source>Collection</source>
        <translation>Collection</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="433" />
        <source>commentary</source>
        <translation>commentary</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="438" />
        <source>Vector index</source>
        <translation>Vektorindex</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="442" />
        <source>vector_index</source>
        <translation>vector_index</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="456" />
        <source>Check index</source>
        <translation>Index prüfen</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="456" />
        <source>Asks Atlas whether the vector index the commentary search needs is there and queryable</source>
        <translation>Fragt Atlas, ob der Vektorindex, den die Kommentarsuche braucht, vorhanden und abfragbar ist</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="457" />
        <source>Create index</source>
        <translation>Index anlegen</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="457" />
        <source>Creates the vectorSearch index (the embedder's dimensions, cosine, race_id as a filter) and waits until Atlas can query it</source>
        <translation>Legt den vectorSearch-Index an (die Dimensionen des Embedders, Kosinus, race_id als Filter) und wartet, bis Atlas ihn abfragen kann</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="471" />
        <source>Test connections</source>
        <translation>Verbindungen testen</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="472" />
        <source>Every service you entered, called for real.</source>
        <translation>Jeder eingetragene Dienst, wirklich aufgerufen.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="475" />
        <source>Test all</source>
        <translation>Alle testen</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="478" />
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="478" />
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="484" />
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="485" />
        <source>What will be saved. Secrets are shown masked.</source>
        <translation>Was gespeichert wird. Secrets werden maskiert angezeigt.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="499" />
        <source>Keep the secrets for this session only (enter them again next time)</source>
        <translation>Secrets nur für diese Sitzung behalten (beim nächsten Mal erneut eingeben)</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="502" />
        <source>Keep them in a file only you can read (0600) — anyone with your account or a backup of it can read them</source>
        <translation>In einer Datei speichern, die nur Sie lesen können (0600) – wer Ihr Konto oder eine Sicherung davon hat, kann sie lesen</translation>
    </message>
</context>
<context>
    <name>TelemetryPanel</name>
    <message>
        <location filename="../ui/TelemetryPanel.ui" line="14" />
        <source>Against</source>
        <translation>Gegen</translation>
    </message>
    <message>
        <location filename="../ui/TelemetryPanel.ui" line="20" />
        <source>The rival drawn against the followed driver</source>
        <translation>Der Rivale, der gegen den verfolgten Fahrer gezeichnet wird</translation>
    </message>
    <message>
        <location filename="../ui/TelemetryPanel.ui" line="25" />
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <location filename="../ui/TelemetryPanel.ui" line="34" />
        <source>Window</source>
        <translation>Zeitfenster</translation>
    </message>
    <message>
        <location filename="../ui/TelemetryPanel.ui" line="40" />
        <source>Time shown; the mouse wheel zooms, dragging pans, a click jumps there</source>
        <translation>Gezeigte Zeit; das Mausrad zoomt, Ziehen verschiebt, ein Klick springt dorthin</translation>
    </message>
</context>
<context>
    <name>pitwall::AnomalyListModel</name>
    <message>
        <location filename="../src/view/AnomalyListModel.cpp" line="133" />
        <source>the %1 team</source>
        <translation>das Team %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/view/AnomalyListModel.cpp" line="136" />
        <source>%1 of %2 peaked at %3 at %4, outside the expected %5 – %6; %n flagged reading(s) from %7 to %8 (%9, %10).</source>
        <translation>
            <numerusform>%1 von %2 erreichte %3 um %4, außerhalb des erwarteten Bereichs %5 – %6; %n markierter Messwert von %7 bis %8 (%9, %10).</numerusform>
            <numerusform>%1 von %2 erreichte %3 um %4, außerhalb des erwarteten Bereichs %5 – %6; %n markierte Messwerte von %7 bis %8 (%9, %10).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/view/AnomalyListModel.cpp" line="154" />
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../src/view/AnomalyListModel.cpp" line="155" />
        <source>Driver</source>
        <translation>Fahrer</translation>
    </message>
    <message>
        <location filename="../src/view/AnomalyListModel.cpp" line="156" />
        <source>Metric</source>
        <translation>Messgröße</translation>
    </message>
    <message>
        <location filename="../src/view/AnomalyListModel.cpp" line="157" />
        <source>Peak</source>
        <translation>Spitze</translation>
    </message>
    <message>
        <location filename="../src/view/AnomalyListModel.cpp" line="160" />
        <source>Until</source>
        <translation>Bis</translation>
    </message>
    <message>
        <location filename="../src/view/AnomalyListModel.cpp" line="161" />
        <source>Stage</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <location filename="../src/view/AnomalyListModel.cpp" line="158" />
        <source>Expected</source>
        <translation>Erwartet</translation>
    </message>
    <message>
        <location filename="../src/view/AnomalyListModel.cpp" line="159" />
        <source>Confidence</source>
        <translation>Konfidenz</translation>
    </message>
</context>
<context>
    <name>pitwall::AnomalyPanel</name>
    <message>
        <location filename="../src/gui/AnomalyPanel.cpp" line="69" />
        <source>Show:</source>
        <translation>Zeigen:</translation>
    </message>
    <message>
        <location filename="../src/gui/AnomalyPanel.cpp" line="72" />
        <source>Every detector</source>
        <translation>Alle Detektoren</translation>
    </message>
    <message>
        <location filename="../src/gui/AnomalyPanel.cpp" line="73" />
        <source>Car telemetry (telemetry-anomalies)</source>
        <translation>Fahrzeugtelemetrie (telemetry-anomalies)</translation>
    </message>
    <message>
        <location filename="../src/gui/AnomalyPanel.cpp" line="74" />
        <source>Team engine, the demo's (engine-anomalies)</source>
        <translation>Motor je Team, aus der Demo (engine-anomalies)</translation>
    </message>
    <message>
        <location filename="../src/gui/AnomalyPanel.cpp" line="75" />
        <source>Which detector stage's anomalies the list shows. The demo's engine stage (f1-car-metrics-anomalies) uses the demo's 90 % band, so it flags about one reading in ten.</source>
        <translation>Welche Detektorstufe die Liste zeigt. Die Motorstufe der Demo (f1-car-metrics-anomalies) nutzt das 90-%-Band der Demo und markiert daher etwa jeden zehnten Messwert.</translation>
    </message>
    <message>
        <location filename="../src/gui/AnomalyPanel.cpp" line="85" />
        <source>Select an anomaly to see its moment in every panel</source>
        <translation>Eine Anomalie wählen, um ihren Moment in jedem Fenster zu sehen</translation>
    </message>
    <message>
        <location filename="../src/gui/AnomalyPanel.cpp" line="87" />
        <source>What the recorded run found up to this moment of the race</source>
        <translation>Was der aufgezeichnete Lauf bis zu diesem Moment des Rennens fand</translation>
    </message>
    <message>
        <location filename="../src/gui/AnomalyPanel.cpp" line="167" />
        <source>&lt;b&gt;This run&lt;/b&gt;: %1</source>
        <translation>&lt;b&gt;Dieser Lauf&lt;/b&gt;: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/AnomalyPanel.cpp" line="168" />
        <source>&lt;b&gt;As recorded&lt;/b&gt;, to this moment: %1</source>
        <translation>&lt;b&gt;Aufgezeichnet&lt;/b&gt;, bis zu diesem Moment: %1</translation>
    </message>
</context>
<context>
    <name>pitwall::AppearanceMenu</name>
    <message>
        <location filename="../src/gui/AppearanceMenu.cpp" line="56" />
        <source>Lan&amp;guage</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <location filename="../src/gui/AppearanceMenu.cpp" line="60" />
        <source>System default</source>
        <translation>Systemvorgabe</translation>
    </message>
    <message>
        <location filename="../src/gui/AppearanceMenu.cpp" line="71" />
        <source>Pit Wall will speak %1 from its next start.</source>
        <translation>Pit Wall spricht ab dem nächsten Start %1.</translation>
    </message>
</context>
<context>
    <name>pitwall::AskPanel</name>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="61" />
        <source>Ask</source>
        <translation>Fragen</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="61" />
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="62" />
        <source>Ask the race engineer, e.g. "gap between Norris and Piastri?"</source>
        <translation>Den Renningenieur fragen, z. B. „Abstand zwischen Norris und Piastri?“</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="63" />
        <source>Ask about the commentary, e.g. "comments about Hamilton"</source>
        <translation>Zum Kommentar fragen, z. B. „Kommentare über Hamilton“</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="67" />
        <source>The race engineer answers from the live race, calling its tools; each call is shown.</source>
        <translation>Der Renningenieur antwortet aus dem laufenden Rennen und ruft dazu seine Werkzeuge auf; jeder Aufruf wird angezeigt.</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="90" />
        <source>Engineer:</source>
        <translation>Ingenieur:</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="91" />
        <source>Answered by %1.</source>
        <translation>Beantwortet von %1.</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="105" />
        <source>Type a question first.</source>
        <translation>Erst eine Frage eingeben.</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="110" />
        <source>You:</source>
        <translation>Sie:</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="112" />
        <source>The race engineer is looking it up…</source>
        <translation>Der Renningenieur schlägt nach…</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="116" />
        <source>Searching…</source>
        <translation>Suche …</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="134" />
        <source>Answer (%1): %2</source>
        <translation>Antwort (%1): %2</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="136" />
        <source>No commentary matches yet.</source>
        <translation>Noch kein passender Kommentar.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/AskPanel.cpp" line="138" />
        <source>The %n closest lines by meaning.</source>
        <translation>
            <numerusform>Die %n nach Bedeutung nächste Zeile.</numerusform>
            <numerusform>Die %n nach Bedeutung nächsten Zeilen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pitwall::AskPanelLink</name>
    <message>
        <location filename="../src/gui/AskPanelLink.cpp" line="17" />
        <source>Searches the commentary by meaning with the offline embedder.</source>
        <translation>Durchsucht den Kommentar nach Bedeutung, mit dem Offline-Embedder.</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanelLink.cpp" line="24" />
        <source>Kafka is not ready yet.</source>
        <translation>Kafka ist noch nicht bereit.</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanelLink.cpp" line="40" />
        <source>Searches the commentary by meaning (%1); %2 writes an answer from the matches.</source>
        <translation>Durchsucht den Kommentar nach Bedeutung (%1); %2 schreibt aus den Treffern eine Antwort.</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanelLink.cpp" line="41" />
        <source>Searches the commentary by meaning (%1). Configure an LLM for written answers.</source>
        <translation>Durchsucht den Kommentar nach Bedeutung (%1). Für geschriebene Antworten ein LLM einrichten.</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanelLink.cpp" line="51" />
        <source>The race engineer reads the live race; it has no race context in this window.</source>
        <translation>Der Renningenieur liest das laufende Rennen; in diesem Fenster hat er keinen Rennkontext.</translation>
    </message>
</context>
<context>
    <name>pitwall::ClockLabel</name>
    <message>
        <location filename="../src/gui/ClockLabel.cpp" line="14" />
        <source>%1 live</source>
        <translation>%1 live</translation>
    </message>
    <message>
        <location filename="../src/gui/ClockLabel.cpp" line="15" />
        <source>%1 (held)</source>
        <translation>%1 (angehalten)</translation>
    </message>
</context>
<context>
    <name>pitwall::CloudDeployPanel</name>
    <message>
        <location filename="../src/gui/CloudDeployPanel.cpp" line="67" />
        <source>Set up Confluent Cloud Flink first (File ▸ Setup wizard).</source>
        <translation>Richten Sie zuerst Confluent Cloud Flink ein (Datei ▸ Einrichtungsassistent).</translation>
    </message>
    <message>
        <location filename="../src/gui/CloudDeployPanel.cpp" line="84" />
        <source>Set up Confluent Cloud Flink first (File ▸ Setup wizard): %1.</source>
        <translation>Richten Sie zuerst Confluent Cloud Flink ein (Datei ▸ Einrichtungsassistent): %1.</translation>
    </message>
    <message>
        <location filename="../src/gui/CloudDeployPanel.cpp" line="89" />
        <source>Set up Schema Registry first (File ▸ Setup wizard): Flink's tables use it.</source>
        <translation>Richten Sie zuerst die Schema Registry ein (Datei ▸ Einrichtungsassistent): Flinks Tabellen verwenden sie.</translation>
    </message>
    <message>
        <location filename="../src/gui/CloudDeployPanel.cpp" line="113" />
        <source>Deployed earlier: Refresh reads its phases, Deploy follows it again, Stop or Delete ends it.</source>
        <translation>Früher bereitgestellt: Aktualisieren liest die Phasen, Bereitstellen verfolgt es wieder, Anhalten oder Löschen beendet es.</translation>
    </message>
    <message>
        <location filename="../src/gui/CloudDeployPanel.cpp" line="114" />
        <source>The pipeline runs on this machine. Deploy runs its stages as Flink SQL in Confluent Cloud.</source>
        <translation>Die Pipeline läuft auf diesem Rechner. Bereitstellen führt ihre Stufen als Flink SQL in Confluent Cloud aus.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/CloudDeployPanel.cpp" line="189" />
        <source>Deploying %n statement(s)…</source>
        <translation>
            <numerusform>Stelle %n Anweisung bereit…</numerusform>
            <numerusform>Stelle %n Anweisungen bereit…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/gui/CloudDeployPanel.cpp" line="195" />
        <source>Stopping…</source>
        <translation>Wird angehalten…</translation>
    </message>
    <message>
        <location filename="../src/gui/CloudDeployPanel.cpp" line="201" />
        <source>Delete from Confluent Cloud</source>
        <translation>Aus Confluent Cloud löschen</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/CloudDeployPanel.cpp" line="202" />
        <source>Delete the %n statement(s) and the connections Pit Wall deployed? The tables and their topics stay.</source>
        <translation>
            <numerusform>Die %n Anweisung und die Verbindungen löschen, die Pit Wall bereitgestellt hat? Die Tabellen und ihre Topics bleiben.</numerusform>
            <numerusform>Die %n Anweisungen und die Verbindungen löschen, die Pit Wall bereitgestellt hat? Die Tabellen und ihre Topics bleiben.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/gui/CloudDeployPanel.cpp" line="204" />
        <source>Deleting…</source>
        <translation>Wird gelöscht…</translation>
    </message>
    <message>
        <location filename="../src/gui/CloudDeployPanel.cpp" line="209" />
        <source>Reading the statements' phases…</source>
        <translation>Lese die Phasen der Anweisungen…</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/CloudDeployPanel.cpp" line="218" />
        <source>Copied the plan as SQL: %n statement(s), secrets as placeholders.</source>
        <translation>
            <numerusform>Plan als SQL kopiert: %n Anweisung, Geheimnisse als Platzhalter.</numerusform>
            <numerusform>Plan als SQL kopiert: %n Anweisungen, Geheimnisse als Platzhalter.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/gui/CloudDeployPanel.cpp" line="245" />
        <source>Running in Confluent Cloud: every stage.</source>
        <translation>Läuft in Confluent Cloud: jede Stufe.</translation>
    </message>
    <message>
        <location filename="../src/gui/CloudDeployPanel.cpp" line="246" />
        <source>Running in Confluent Cloud: %1. Still on this machine: %2 (hover for why).</source>
        <translation>Läuft in Confluent Cloud: %1. Weiter auf diesem Rechner: %2 (Mauszeiger darauf zeigt, warum).</translation>
    </message>
    <message>
        <location filename="../src/gui/CloudDeployPanel.cpp" line="253" />
        <source>Stopped in Confluent Cloud; the stages run locally again.</source>
        <translation>In Confluent Cloud angehalten; die Stufen laufen wieder lokal.</translation>
    </message>
    <message>
        <location filename="../src/gui/CloudDeployPanel.cpp" line="257" />
        <source>Phases read at %1.</source>
        <translation>Phasen gelesen um %1.</translation>
    </message>
    <message>
        <location filename="../src/gui/CloudDeployPanel.cpp" line="264" />
        <source>Deleted from Confluent Cloud; the stages run locally again.</source>
        <translation>Aus Confluent Cloud gelöscht; die Stufen laufen wieder lokal.</translation>
    </message>
</context>
<context>
    <name>pitwall::ControllerStatus</name>
    <message>
        <location filename="../src/gui/ControllerStatus.cpp" line="20" />
        <source>Starting the embedded Kafka broker…</source>
        <translation>Starte den eingebauten Kafka-Broker…</translation>
    </message>
    <message>
        <location filename="../src/gui/ControllerStatus.cpp" line="21" />
        <source>Connecting to Kafka at %1…</source>
        <translation>Verbinde mit Kafka unter %1…</translation>
    </message>
    <message>
        <location filename="../src/gui/ControllerStatus.cpp" line="24" />
        <source>%1. Change it in File ▸ Kafka connection (Ctrl+K).</source>
        <translation>%1. Ändern unter Datei ▸ Kafka-Verbindung (Strg+K).</translation>
    </message>
    <message>
        <location filename="../src/gui/ControllerStatus.cpp" line="25" />
        <source>Kafka: not connected</source>
        <translation>Kafka: nicht verbunden</translation>
    </message>
    <message>
        <location filename="../src/gui/ControllerStatus.cpp" line="30" />
        <source>Kafka: %1 (%2)</source>
        <translation>Kafka: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../src/gui/ControllerStatus.cpp" line="30" />
        <source>embedded broker</source>
        <translation>eingebauter Broker</translation>
    </message>
    <message>
        <location filename="../src/gui/ControllerStatus.cpp" line="30" />
        <source>cluster</source>
        <translation>Cluster</translation>
    </message>
    <message>
        <location filename="../src/gui/ControllerStatus.cpp" line="33" />
        <source>Setup applied: the next race uses %1 and %2.%3</source>
        <translation>Einrichtung übernommen: das nächste Rennen nutzt %1 und %2.%3</translation>
    </message>
    <message>
        <location filename="../src/gui/ControllerStatus.cpp" line="35" />
        <location filename="../src/gui/ControllerStatus.cpp" line="45" />
        <source> The running race keeps its settings.</source>
        <translation> Das laufende Rennen behält seine Einstellungen.</translation>
    </message>
    <message>
        <location filename="../src/gui/ControllerStatus.cpp" line="39" />
        <source>The new AI settings could not start: %1. The races keep the previous ones.</source>
        <translation>Die neuen KI-Einstellungen konnten nicht starten: %1. Die Rennen behalten die bisherigen.</translation>
    </message>
    <message>
        <location filename="../src/gui/ControllerStatus.cpp" line="46" />
        <source>Setup saved: starting the new AI connections…%1</source>
        <translation>Einrichtung gespeichert: die neuen KI-Verbindungen werden gestartet…%1</translation>
    </message>
    <message>
        <location filename="../src/gui/ControllerStatus.cpp" line="47" />
        <source>Setup saved; it applies to the next race.%1</source>
        <translation>Einrichtung gespeichert; sie gilt ab dem nächsten Rennen.%1</translation>
    </message>
</context>
<context>
    <name>pitwall::DisplayNames</name>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="10" />
        <source>Engine temperature</source>
        <translation>Motortemperatur</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="11" />
        <source>Oil temperature</source>
        <translation>Öltemperatur</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="12" />
        <source>Tyre front left</source>
        <translation>Reifen vorne links</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="13" />
        <source>Tyre front right</source>
        <translation>Reifen vorne rechts</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="14" />
        <source>Tyre rear left</source>
        <translation>Reifen hinten links</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="15" />
        <source>Tyre rear right</source>
        <translation>Reifen hinten rechts</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="16" />
        <source>Brake front left</source>
        <translation>Bremse vorne links</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="17" />
        <source>Brake front right</source>
        <translation>Bremse vorne rechts</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="18" />
        <source>Brake rear left</source>
        <translation>Bremse hinten links</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="19" />
        <source>Brake rear right</source>
        <translation>Bremse hinten rechts</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="20" />
        <source>Lap time</source>
        <translation>Rundenzeit</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="50" />
        <source>Lights out: the race has started (%1 laps)</source>
        <translation>Lichter aus: das Rennen läuft (%1 Runden)</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="52" />
        <source>%1 passes %2 for P%3%4</source>
        <translation>%1 überholt %2 und ist P%3%4</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="55" />
        <source> with DRS</source>
        <translation> mit DRS</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="59" />
        <source>: %1 → %2</source>
        <translation>: %1 → %2</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="61" />
        <source>%1 pits%2, %3 s stationary</source>
        <translation>%1 an der Box%2, %3 s Standzeit</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="65" />
        <source>%1 pits%2, %3 s in the pit lane</source>
        <translation>%1 an der Box%2, %3 s in der Boxengasse</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="68" />
        <source>%1 pits%2</source>
        <translation>%1 an der Box%2</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="84" />
        <source>Red flag: the session is stopped</source>
        <translation>Rote Flagge: die Sitzung ist unterbrochen</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="91" />
        <source>Race control: %1</source>
        <translation>Rennleitung: %1</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="71" />
        <source>Fastest lap: %1, %2</source>
        <translation>Schnellste Runde: %1, %2</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="75" />
        <source>Virtual safety car ending</source>
        <translation>Virtuelles Safety Car endet</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="75" />
        <source>Safety car in this lap</source>
        <translation>Safety Car kommt in dieser Runde herein</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="77" />
        <source>Virtual safety car: %1</source>
        <translation>Virtuelles Safety Car: %1</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="77" />
        <source>Safety car: %1</source>
        <translation>Safety Car: %1</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="80" />
        <source>%1 retires (%2)</source>
        <translation>%1 scheidet aus (%2)</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="82" />
        <source>Chequered flag</source>
        <translation>Zielflagge</translation>
    </message>
</context>
<context>
    <name>pitwall::FeedModel</name>
    <message>
        <location filename="../src/view/FeedModel.cpp" line="60" />
        <source>Lap %1 · %2</source>
        <translation>Runde %1 · %2</translation>
    </message>
    <message>
        <location filename="../src/view/FeedModel.cpp" line="60" />
        <source>race control</source>
        <translation>Rennleitung</translation>
    </message>
    <message>
        <location filename="../src/view/FeedModel.cpp" line="82" />
        <source>commentary</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <location filename="../src/view/FeedModel.cpp" line="84" />
        <source>offline · fallback</source>
        <translation>offline · Ersatz</translation>
    </message>
    <message>
        <location filename="../src/view/FeedModel.cpp" line="86" />
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <location filename="../src/view/FeedModel.cpp" line="135" />
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>pitwall::FeedPanel</name>
    <message>
        <location filename="../src/gui/FeedPanel.cpp" line="110" />
        <source>Everyone</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location filename="../src/gui/FeedPanel.cpp" line="119" />
        <source>Copy line</source>
        <translation>Zeile kopieren</translation>
    </message>
</context>
<context>
    <name>pitwall::FollowBox</name>
    <message>
        <location filename="../src/gui/FollowBox.cpp" line="20" />
        <source>The driver to follow: highlighted, ringed on the map, drawn in the charts</source>
        <translation>Der verfolgte Fahrer: hervorgehoben, auf der Karte umrandet, in den Diagrammen gezeichnet</translation>
    </message>
</context>
<context>
    <name>pitwall::GameSessionView</name>
    <message>
        <location filename="../src/gui/GameSessionView.cpp" line="42" />
        <source>127.0.0.1 port %1</source>
        <translation>127.0.0.1 Port %1</translation>
    </message>
    <message>
        <location filename="../src/gui/GameSessionView.cpp" line="43" />
        <source>%1 port %2</source>
        <translation>%1 Port %2</translation>
    </message>
    <message>
        <location filename="../src/gui/GameSessionView.cpp" line="43" />
        <source>this machine</source>
        <translation>diesem Rechner</translation>
    </message>
</context>
<context>
    <name>pitwall::KafkaConnectionDialog</name>
    <message>
        <location filename="../src/gui/KafkaConnectionDialog.cpp" line="22" />
        <source>librdkafka properties file</source>
        <translation>librdkafka-Eigenschaftendatei</translation>
    </message>
    <message>
        <location filename="../src/gui/KafkaConnectionDialog.cpp" line="44" />
        <source>Enter the bootstrap servers or a properties file that names them.</source>
        <translation>Bootstrap-Server eingeben oder eine Eigenschaftendatei, die sie nennt.</translation>
    </message>
</context>
<context>
    <name>pitwall::LapChartsPanel</name>
    <message>
        <location filename="../src/gui/LapChartsPanel.cpp" line="74" />
        <source>Race trace: gap to the leader</source>
        <translation>Rennverlauf: Abstand zum Führenden</translation>
    </message>
    <message>
        <location filename="../src/gui/LapChartsPanel.cpp" line="76" />
        <location filename="../src/gui/LapChartsPanel.cpp" line="93" />
        <source>lap</source>
        <translation>Runde</translation>
    </message>
    <message>
        <location filename="../src/gui/LapChartsPanel.cpp" line="77" />
        <source>gap (s)</source>
        <translation>Abstand (s)</translation>
    </message>
    <message>
        <location filename="../src/gui/LapChartsPanel.cpp" line="86" />
        <source>Pit stops</source>
        <translation>Boxenstopps</translation>
    </message>
    <message>
        <location filename="../src/gui/LapChartsPanel.cpp" line="88" />
        <source>Safety car</source>
        <translation>Safety Car</translation>
    </message>
    <message>
        <location filename="../src/gui/LapChartsPanel.cpp" line="92" />
        <source>Lap times of the followed driver</source>
        <translation>Rundenzeiten des verfolgten Fahrers</translation>
    </message>
    <message>
        <location filename="../src/gui/LapChartsPanel.cpp" line="94" />
        <source>lap time (s)</source>
        <translation>Rundenzeit (s)</translation>
    </message>
    <message>
        <location filename="../src/gui/LapChartsPanel.cpp" line="98" />
        <source>Forecast band</source>
        <translation>Prognoseband</translation>
    </message>
    <message>
        <location filename="../src/gui/LapChartsPanel.cpp" line="103" />
        <source>Forecast</source>
        <translation>Prognose</translation>
    </message>
    <message>
        <location filename="../src/gui/LapChartsPanel.cpp" line="107" />
        <source>Lap time</source>
        <translation>Rundenzeit</translation>
    </message>
    <message>
        <location filename="../src/gui/LapChartsPanel.cpp" line="111" />
        <source>Pit or neutralised lap</source>
        <translation>Box- oder neutralisierte Runde</translation>
    </message>
</context>
<context>
    <name>pitwall::LeaderboardModel</name>
    <message>
        <location filename="../src/view/LeaderboardModel.cpp" line="32" />
        <source>Pos</source>
        <translation>Pos.</translation>
    </message>
    <message>
        <location filename="../src/view/LeaderboardModel.cpp" line="33" />
        <source>+/-</source>
        <translation>+/-</translation>
    </message>
    <message>
        <location filename="../src/view/LeaderboardModel.cpp" line="34" />
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <location filename="../src/view/LeaderboardModel.cpp" line="35" />
        <source>Driver</source>
        <translation>Fahrer</translation>
    </message>
    <message>
        <location filename="../src/view/LeaderboardModel.cpp" line="36" />
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../src/view/LeaderboardModel.cpp" line="37" />
        <source>Gap</source>
        <translation>Abstand</translation>
    </message>
    <message>
        <location filename="../src/view/LeaderboardModel.cpp" line="38" />
        <source>Interval</source>
        <translation>Intervall</translation>
    </message>
    <message>
        <location filename="../src/view/LeaderboardModel.cpp" line="39" />
        <source>Last lap</source>
        <translation>Letzte Runde</translation>
    </message>
    <message>
        <location filename="../src/view/LeaderboardModel.cpp" line="40" />
        <source>Tyre</source>
        <translation>Reifen</translation>
    </message>
    <message>
        <location filename="../src/view/LeaderboardModel.cpp" line="41" />
        <source>Pits</source>
        <translation>Stopps</translation>
    </message>
    <message>
        <location filename="../src/view/LeaderboardModel.cpp" line="42" />
        <source>Speed (km/h)</source>
        <translation>Tempo (km/h)</translation>
    </message>
    <message>
        <location filename="../src/view/LeaderboardModel.cpp" line="66" />
        <source>OUT</source>
        <translation>AUS</translation>
    </message>
    <message>
        <location filename="../src/view/LeaderboardModel.cpp" line="68" />
        <source>PIT</source>
        <translation>BOX</translation>
    </message>
    <message>
        <location filename="../src/view/LeaderboardModel.cpp" line="70" />
        <source>Winner</source>
        <translation>Sieger</translation>
    </message>
    <message>
        <location filename="../src/view/LeaderboardModel.cpp" line="70" />
        <source>Leader</source>
        <translation>Führender</translation>
    </message>
</context>
<context>
    <name>pitwall::LeaderboardTable</name>
    <message>
        <location filename="../src/gui/LeaderboardTable.cpp" line="33" />
        <source>Double-click a driver to follow them</source>
        <translation>Doppelklick auf einen Fahrer, um ihn zu verfolgen</translation>
    </message>
</context>
<context>
    <name>pitwall::LibraryLink</name>
    <message>
        <location filename="../src/gui/LibraryLink.cpp" line="23" />
        <source>Import &amp;real race…</source>
        <translation>&amp;Echtes Rennen importieren…</translation>
    </message>
</context>
<context>
    <name>pitwall::LibraryPanel</name>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="105" />
        <source>Select a race to see its result.</source>
        <translation>Wählen Sie ein Rennen, um sein Ergebnis zu sehen.</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="106" />
        <source>No races yet: every race you run is kept here.</source>
        <translation>Noch keine Rennen: jedes Rennen, das Sie fahren, wird hier aufbewahrt.</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="110" />
        <source>no result</source>
        <translation>kein Ergebnis</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="112" />
        <source>%1 — %2 laps, %3 — %4. Race time recorded: %5 min.</source>
        <translation>%1 — %2 Runden, %3 — %4. Aufgezeichnete Renndauer: %5 min.</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="115" />
        <source>won by %1</source>
        <translation>gewonnen von %1</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="115" />
        <source>not finished (%1)</source>
        <translation>nicht beendet (%1)</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="116" />
        <source>no followed driver</source>
        <translation>kein verfolgter Fahrer</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="116" />
        <source>following %1</source>
        <translation>verfolgt %1</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="125" />
        <source>Delete race</source>
        <translation>Rennen löschen</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="126" />
        <source>Delete "%1" and everything recorded of it? This cannot be undone.</source>
        <translation>„%1“ und alles Aufgezeichnete löschen? Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="138" />
        <source>JSON Lines, can be imported (*.jsonl)</source>
        <translation>JSON Lines, importierbar (*.jsonl)</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="138" />
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="139" />
        <source>Export race</source>
        <translation>Rennen exportieren</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="146" />
        <source>Exported %1 messages to %2.</source>
        <translation>%1 Nachrichten nach %2 exportiert.</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="152" />
        <source>Import race</source>
        <translation>Rennen importieren</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="152" />
        <source>JSON Lines (*.jsonl);;All files (*)</source>
        <translation>JSON Lines (*.jsonl);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="157" />
        <source>Imported "%1".</source>
        <translation>„%1“ importiert.</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="165" />
        <source>A live-timing session folder…</source>
        <translation>Ein Live-Timing-Sitzungsordner…</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="165" />
        <source>A zip, or OpenF1 files…</source>
        <translation>Ein Zip oder OpenF1-Dateien…</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="166" />
        <source>Download from the F1 live-timing archive…</source>
        <translation>Aus dem F1-Live-Timing-Archiv herunterladen…</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="166" />
        <source>Download from OpenF1…</source>
        <translation>Von OpenF1 herunterladen…</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="168" />
        <location filename="../src/gui/LibraryPanel.cpp" line="242" />
        <source>Import real race</source>
        <translation>Echtes Rennen importieren</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="169" />
        <source>Where is the race? (F1 data belongs to Formula One; Pit Wall is unofficial.)</source>
        <translation>Wo ist das Rennen? (F1-Daten gehören der Formel 1; Pit Wall ist inoffiziell.)</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="175" />
        <source>Live-timing session folder (*.jsonStream)</source>
        <translation>Live-Timing-Sitzungsordner (*.jsonStream)</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="179" />
        <source>Real race files</source>
        <translation>Dateien eines echten Rennens</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="180" />
        <source>Session zip or OpenF1 files (*.zip *.json *.csv);;All files (*)</source>
        <translation>Sitzungs-Zip oder OpenF1-Dateien (*.zip *.json *.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="184" />
        <source>F1 live-timing archive</source>
        <translation>F1-Live-Timing-Archiv</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="185" />
        <source>Year, event and session, e.g. "2018 Baku Race":</source>
        <translation>Jahr, Veranstaltung und Sitzung, z. B. „2018 Baku Race“:</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="193" />
        <source>Give a year, an event and a session, e.g. "2018 Baku Race".</source>
        <translation>Bitte Jahr, Veranstaltung und Sitzung angeben, z. B. „2018 Baku Race“.</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="198" />
        <location filename="../src/gui/LibraryPanel.cpp" line="203" />
        <location filename="../src/gui/LibraryPanel.cpp" line="218" />
        <source>Downloading %1</source>
        <translation>Lade %1 herunter</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="210" />
        <source>OpenF1</source>
        <translation>OpenF1</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="210" />
        <source>OpenF1 session key (e.g. 9550):</source>
        <translation>OpenF1-Sitzungsschlüssel (z. B. 9550):</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="213" />
        <source>Downloading OpenF1 session %1</source>
        <translation>Lade OpenF1-Sitzung %1 herunter</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="229" />
        <source>Importing %1</source>
        <translation>Importiere %1</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="241" />
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="280" />
        <source>Cancelled; what was downloaded is kept for next time.</source>
        <translation>Abgebrochen; was schon heruntergeladen ist, bleibt fürs nächste Mal.</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="288" />
        <source>Imported "%1": %2.
%3</source>
        <translation>„%1“ importiert: %2.
%3</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="298" />
        <source>Working…</source>
        <translation>Arbeite…</translation>
    </message>
</context>
<context>
    <name>pitwall::LiveServersDialog</name>
    <message>
        <location filename="../src/gui/LiveServersDialog.cpp" line="34" />
        <source>Apply to use the new token; agents must then send it.</source>
        <translation>Mit „Anwenden“ gilt das neue Token; Agenten müssen es dann senden.</translation>
    </message>
    <message>
        <location filename="../src/gui/LiveServersDialog.cpp" line="61" />
        <source>Running at http://127.0.0.1:%1/mcp (Streamable HTTP). Agents send the header Authorization: Bearer &lt;token&gt;.</source>
        <translation>Läuft unter http://127.0.0.1:%1/mcp (Streamable HTTP). Agenten senden den Header Authorization: Bearer &lt;token&gt;.</translation>
    </message>
    <message>
        <location filename="../src/gui/LiveServersDialog.cpp" line="64" />
        <location filename="../src/gui/LiveServersDialog.cpp" line="65" />
        <source>Off.</source>
        <translation>Aus.</translation>
    </message>
    <message>
        <location filename="../src/gui/LiveServersDialog.cpp" line="68" />
        <source>Running: updates at ws://127.0.0.1:%1/live, example overlay at http://127.0.0.1:%1/overlay. %2 of at most %3 clients; refused: %4 (other sites %5, too many %6, sent too much %7).</source>
        <translation>Läuft: Aktualisierungen unter ws://127.0.0.1:%1/live, Beispiel-Overlay unter http://127.0.0.1:%1/overlay. %2 von höchstens %3 Clients; abgewiesen: %4 (andere Websites %5, zu viele %6, zu viel gesendet %7).</translation>
    </message>
    <message>
        <location filename="../src/gui/LiveServersDialog.cpp" line="79" />
        <source>Both listen on this computer only (127.0.0.1).</source>
        <translation>Beide sind nur auf diesem Computer erreichbar (127.0.0.1).</translation>
    </message>
</context>
<context>
    <name>pitwall::MainWindow</name>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="160" />
        <source>&amp;Replay the latest race</source>
        <translation>Letztes Rennen &amp;wiedergeben</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="165" />
        <source>The library has no race yet: run one first.</source>
        <translation>Die Bibliothek enthält noch kein Rennen: fahren Sie zuerst eines.</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="231" />
        <source>Anomalies</source>
        <translation>Anomalien</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="214" />
        <source> Follow </source>
        <translation> Verfolgen </translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="254" />
        <source>The recorded run of %1 could not be read for comparison: %2</source>
        <translation>Der aufgezeichnete Lauf von %1 ließ sich für den Vergleich nicht lesen: %2</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="385" />
        <source>There is no race %1 in the library.</source>
        <translation>In der Bibliothek gibt es kein Rennen %1.</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="429" />
        <source>This race's drivers could not be read (%1); the built-in grid is shown.</source>
        <translation>Die Fahrer dieses Rennens ließen sich nicht lesen (%1); das eingebaute Starterfeld wird gezeigt.</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="456" />
        <source>Starting a race…</source>
        <translation>Starte ein Rennen…</translation>
    </message>
</context>
<context>
    <name>pitwall::PipelineHealthModel</name>
    <message>
        <location filename="../src/view/PipelineHealthModel.cpp" line="73" />
        <source>Stage</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <location filename="../src/view/PipelineHealthModel.cpp" line="74" />
        <source>In/s</source>
        <translation>Ein/s</translation>
    </message>
    <message>
        <location filename="../src/view/PipelineHealthModel.cpp" line="75" />
        <source>Out/s</source>
        <translation>Aus/s</translation>
    </message>
    <message>
        <location filename="../src/view/PipelineHealthModel.cpp" line="76" />
        <source>In</source>
        <translation>Ein</translation>
    </message>
    <message>
        <location filename="../src/view/PipelineHealthModel.cpp" line="77" />
        <source>Out</source>
        <translation>Aus</translation>
    </message>
    <message>
        <location filename="../src/view/PipelineHealthModel.cpp" line="78" />
        <source>Lag</source>
        <translation>Rückstand</translation>
    </message>
    <message>
        <location filename="../src/view/PipelineHealthModel.cpp" line="79" />
        <source>p50 µs</source>
        <translation>p50 µs</translation>
    </message>
    <message>
        <location filename="../src/view/PipelineHealthModel.cpp" line="80" />
        <source>p99 µs</source>
        <translation>p99 µs</translation>
    </message>
    <message>
        <location filename="../src/view/PipelineHealthModel.cpp" line="81" />
        <source>Dead-lettered</source>
        <translation>Dead Letter</translation>
    </message>
    <message>
        <location filename="../src/view/PipelineHealthModel.cpp" line="82" />
        <source>Failures</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../src/view/PipelineHealthModel.cpp" line="83" />
        <source>Restarts</source>
        <translation>Neustarts</translation>
    </message>
</context>
<context>
    <name>pitwall::PipelinePanel</name>
    <message>
        <location filename="../src/gui/PipelinePanel.cpp" line="32" />
        <source>-- No Flink statement: this stage runs in the app, also in cloud mode (pitwall cloud plan says why).</source>
        <translation>-- Keine Flink-Anweisung: diese Stufe läuft in der App, auch im Cloud-Modus (pitwall cloud plan sagt, warum).</translation>
    </message>
    <message>
        <location filename="../src/gui/PipelinePanel.cpp" line="58" />
        <source>Commentary: offline commentator (no LLM configured) · %1 lines</source>
        <translation>Kommentar: Offline-Kommentator (kein LLM eingerichtet) · %1 Zeilen</translation>
    </message>
    <message>
        <location filename="../src/gui/PipelinePanel.cpp" line="60" />
        <source>Commentary: %1 · %2 calls · %3 tokens in, %4 out · $%5 · %6 lines by the model, %7 fallbacks</source>
        <translation>Kommentar: %1 · %2 Aufrufe · %3 Tokens hinein, %4 heraus · $%5 · %6 Zeilen vom Modell, %7 Ersatzzeilen</translation>
    </message>
    <message>
        <location filename="../src/gui/PipelinePanel.cpp" line="69" />
        <source> · throttled %1, held back %2, refused by the fact check %3</source>
        <translation> · gedrosselt %1, zurückgehalten %2, von der Faktenprüfung abgelehnt %3</translation>
    </message>
    <message>
        <location filename="../src/gui/PipelinePanel.cpp" line="74" />
        <source> · paused after repeated failures</source>
        <translation> · nach wiederholten Fehlern pausiert</translation>
    </message>
    <message>
        <location filename="../src/gui/PipelinePanel.cpp" line="76" />
        <source>
Search: %1 in %2 · %3 lines stored</source>
        <translation>
Suche: %1 in %2 · %3 Zeilen gespeichert</translation>
    </message>
</context>
<context>
    <name>pitwall::RaceEngineer</name>
    <message>
        <location filename="../src/engineer/RaceEngineer.cpp" line="50" />
        <source>error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <location filename="../src/engineer/RaceEngineer.cpp" line="52" />
        <source>a long result, cut to %1 characters</source>
        <translation>ein langes Ergebnis, auf %1 Zeichen gekürzt</translation>
    </message>
    <message>
        <location filename="../src/engineer/RaceEngineer.cpp" line="57" />
        <source>%1: 1 item</source>
        <translation>%1: 1 Eintrag</translation>
    </message>
    <message>
        <location filename="../src/engineer/RaceEngineer.cpp" line="57" />
        <source>%1: %2 items</source>
        <translation>%1: %2 Einträge</translation>
    </message>
    <message>
        <location filename="../src/engineer/RaceEngineer.cpp" line="84" />
        <source>The race engineer needs a language model that can call tools. Start Pit Wall with --llm bedrock (with AWS_REGION, AWS credentials or a profile, and --llm-model) or --llm openai (with OPENAI_API_KEY, or --llm-endpoint for a compatible server), or save one in the AI settings.</source>
        <translation>Der Renningenieur braucht ein Sprachmodell, das Werkzeuge aufrufen kann. Starten Sie Pit Wall mit --llm bedrock (mit AWS_REGION, AWS-Zugangsdaten oder einem Profil und --llm-model) oder --llm openai (mit OPENAI_API_KEY oder --llm-endpoint für einen kompatiblen Server), oder speichern Sie eines in den KI-Einstellungen.</translation>
    </message>
    <message>
        <location filename="../src/engineer/RaceEngineer.cpp" line="99" />
        <source>The race engineer is still answering the last question.</source>
        <translation>Der Renningenieur beantwortet noch die letzte Frage.</translation>
    </message>
    <message>
        <location filename="../src/engineer/RaceEngineer.cpp" line="103" />
        <source>Type a question first.</source>
        <translation>Bitte zuerst eine Frage eingeben.</translation>
    </message>
    <message>
        <location filename="../src/engineer/RaceEngineer.cpp" line="133" />
        <source>The model did not answer: %1</source>
        <translation>Das Modell hat nicht geantwortet: %1</translation>
    </message>
    <message>
        <location filename="../src/engineer/RaceEngineer.cpp" line="150" />
        <source>The model was still calling tools after %1 rounds; ask a narrower question.</source>
        <translation>Das Modell rief nach %1 Runden immer noch Werkzeuge auf; stellen Sie eine engere Frage.</translation>
    </message>
</context>
<context>
    <name>pitwall::RaceLibraryModel</name>
    <message>
        <location filename="../src/view/RaceLibraryModel.cpp" line="36" />
        <location filename="../src/view/RaceLibraryModel.cpp" line="47" />
        <source>The race library is not open.</source>
        <translation>Die Rennbibliothek ist nicht geöffnet.</translation>
    </message>
    <message>
        <location filename="../src/view/RaceLibraryModel.cpp" line="105" />
        <source>Race</source>
        <translation>Rennen</translation>
    </message>
    <message>
        <location filename="../src/view/RaceLibraryModel.cpp" line="106" />
        <source>Circuit</source>
        <translation>Strecke</translation>
    </message>
    <message>
        <location filename="../src/view/RaceLibraryModel.cpp" line="107" />
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../src/view/RaceLibraryModel.cpp" line="108" />
        <source>Laps</source>
        <translation>Runden</translation>
    </message>
    <message>
        <location filename="../src/view/RaceLibraryModel.cpp" line="109" />
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../src/view/RaceLibraryModel.cpp" line="110" />
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <location filename="../src/view/RaceLibraryModel.cpp" line="111" />
        <source>Size</source>
        <translation>Größe</translation>
    </message>
</context>
<context>
    <name>pitwall::RacePanels</name>
    <message>
        <location filename="../src/gui/RacePanels.cpp" line="33" />
        <source>Track map</source>
        <translation>Streckenkarte</translation>
    </message>
    <message>
        <location filename="../src/gui/RacePanels.cpp" line="36" />
        <source>Telemetry</source>
        <translation>Telemetrie</translation>
    </message>
    <message>
        <location filename="../src/gui/RacePanels.cpp" line="39" />
        <source>Race trace</source>
        <translation>Rennverlauf</translation>
    </message>
    <message>
        <location filename="../src/gui/RacePanels.cpp" line="47" />
        <source>Race feed</source>
        <translation>Renngeschehen</translation>
    </message>
    <message>
        <location filename="../src/gui/RacePanels.cpp" line="58" />
        <source>Pipeline</source>
        <translation>Pipeline</translation>
    </message>
    <message>
        <location filename="../src/gui/RacePanels.cpp" line="65" />
        <source>Library</source>
        <translation>Bibliothek</translation>
    </message>
    <message>
        <location filename="../src/gui/RacePanels.cpp" line="72" />
        <source>Ask</source>
        <translation>Fragen</translation>
    </message>
</context>
<context>
    <name>pitwall::RaceStatusBar</name>
    <message>
        <location filename="../src/gui/RaceStatusBar.cpp" line="29" />
        <source>Lap %v of %m</source>
        <translation>Runde %v von %m</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceStatusBar.cpp" line="51" />
        <source>produced %1 · consumed %2</source>
        <translation>erzeugt %1 · gelesen %2</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceStatusBar.cpp" line="52" />
        <source>lag %1</source>
        <translation>Rückstand %1</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceStatusBar.cpp" line="54" />
        <source>errors %1 · skipped %2</source>
        <translation>Fehler %1 · übersprungen %2</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceStatusBar.cpp" line="55" />
        <source>errors %1</source>
        <translation>Fehler %1</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceStatusBar.cpp" line="57" />
        <source> · broker refused %1</source>
        <translation> · vom Broker abgewiesen: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceStatusBar.cpp" line="79" />
        <source>F1 game: waiting for telemetry on %1 (UDP Telemetry on, UDP Format 2024 or 2025)</source>
        <translation>F1-Spiel: warte auf Telemetrie an %1 (UDP-Telemetrie an, UDP-Format 2024 oder 2025)</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceStatusBar.cpp" line="81" />
        <source>F1 game: %1</source>
        <translation>F1-Spiel: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceStatusBar.cpp" line="83" />
        <source>F1 game: %1, %2 packets/s, format %3, %4, %5 · refused %6 · on %7</source>
        <translation>F1-Spiel: %1, %2 Pakete/s, Format %3, %4, %5 · abgewiesen %6 · an %7</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceStatusBar.cpp" line="84" />
        <source>receiving</source>
        <translation>empfange</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceStatusBar.cpp" line="84" />
        <source>session ended</source>
        <translation>Sitzung beendet</translation>
    </message>
</context>
<context>
    <name>pitwall::RaceTitle</name>
    <message>
        <location filename="../src/gui/RaceTitle.cpp" line="20" />
        <source>F1 game</source>
        <translation>F1-Spiel</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceTitle.cpp" line="26" />
        <source>Replay of %1</source>
        <translation>Wiederholung: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceTitle.cpp" line="33" />
        <source>%1 — lap %2/%3 — live</source>
        <translation>%1 — Runde %2/%3 — live</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceTitle.cpp" line="38" />
        <source>Race %1 — stopping: reading back every message…</source>
        <translation>Rennen %1 — wird beendet: lese jede Nachricht zurück…</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceTitle.cpp" line="43" />
        <source>won by %1</source>
        <translation>gewonnen von %1</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceTitle.cpp" line="44" />
        <source>stopped on lap %1</source>
        <translation>angehalten in Runde %1</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceTitle.cpp" line="46" />
        <source>Race %1 — finished: %2 of %3 positions read back — %4</source>
        <translation>Rennen %1 — beendet: %2 von %3 Positionen zurückgelesen — %4</translation>
    </message>
</context>
<context>
    <name>pitwall::RaceToolbar</name>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="32" />
        <source> Circuit </source>
        <translation> Strecke </translation>
    </message>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="41" />
        <source> Laps </source>
        <translation> Runden </translation>
    </message>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="45" />
        <source>Full</source>
        <translation>Voll</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="46" />
        <source>Race length in laps (Full: the circuit's race distance)</source>
        <translation>Renndistanz in Runden (Voll: die Renndistanz der Strecke)</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="53" />
        <source> Speed </source>
        <translation> Tempo </translation>
    </message>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="58" />
        <location filename="../src/gui/RaceToolbar.cpp" line="139" />
        <source>As fast as possible</source>
        <translation>So schnell wie möglich</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="61" />
        <source> Source </source>
        <translation> Quelle </translation>
    </message>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="64" />
        <source>Simulator</source>
        <translation>Simulator</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="65" />
        <source>F1 game (UDP)</source>
        <translation>F1-Spiel (UDP)</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="66" />
        <source>What Start starts: a simulated race, or a live race from the EA SPORTS F1 game's UDP telemetry</source>
        <translation>Was Start startet: ein simuliertes Rennen oder ein Live-Rennen aus der UDP-Telemetrie des EA SPORTS F1-Spiels</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="84" />
        <source>&amp;Faster</source>
        <translation>S&amp;chneller</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="89" />
        <source>Follow the F1 &amp;game (UDP telemetry)</source>
        <translation>Dem F1-&amp;Spiel folgen (UDP-Telemetrie)</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="91" />
        <source>A live race from the EA SPORTS F1 game: point its UDP Telemetry at this machine, port 20777</source>
        <translation>Ein Live-Rennen aus dem Spiel EA SPORTS F1: dessen UDP-Telemetrie auf diesen Rechner richten, Port 20777</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="93" />
        <source>F1 game: listen on this machine only</source>
        <translation>F1-Spiel: nur auf diesem Rechner lauschen</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="97" />
        <source>On: only a game on this computer can send telemetry (127.0.0.1). Off: the game may run on a console or another PC on your network</source>
        <translation>Ein: nur ein Spiel auf diesem Computer kann Telemetrie senden (127.0.0.1). Aus: das Spiel darf auf einer Konsole oder einem anderen PC in Ihrem Netzwerk laufen</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="100" />
        <source>F1 game: UDP port…</source>
        <translation>F1-Spiel: UDP-Port…</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="104" />
        <source>F1 game UDP port</source>
        <translation>UDP-Port des F1-Spiels</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="105" />
        <source>The port set in the game's Telemetry Settings (UDP Port):</source>
        <translation>Der in den Telemetrie-Einstellungen des Spiels gesetzte Port (UDP Port):</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="110" />
        <source>S&amp;lower</source>
        <translation>Langsa&amp;mer</translation>
    </message>
</context>
<context>
    <name>pitwall::ReplayBar</name>
    <message>
        <location filename="../src/gui/ReplayBar.cpp" line="10" />
        <source>Replay</source>
        <translation>Wiedergabe</translation>
    </message>
    <message>
        <location filename="../src/gui/ReplayBar.cpp" line="14" />
        <location filename="../src/gui/ReplayBar.cpp" line="33" />
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../src/gui/ReplayBar.cpp" line="18" />
        <source>Hold the replay, and resume it (Ctrl+Space)</source>
        <translation>Wiederholung anhalten und fortsetzen (Strg+Leertaste)</translation>
    </message>
    <message>
        <location filename="../src/gui/ReplayBar.cpp" line="22" />
        <source>Race time of the replay: drag to jump</source>
        <translation>Rennzeit der Wiederholung: ziehen, um zu springen</translation>
    </message>
    <message>
        <location filename="../src/gui/ReplayBar.cpp" line="33" />
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
</context>
<context>
    <name>pitwall::SessionDisplay</name>
    <message>
        <location filename="../src/gui/SessionDisplay.cpp" line="37" />
        <source>Could not switch %1 on: %2</source>
        <translation>%1 ließ sich nicht einschalten: %2</translation>
    </message>
    <message>
        <location filename="../src/gui/SessionDisplay.cpp" line="38" />
        <source>Could not switch %1 off: %2</source>
        <translation>%1 ließ sich nicht ausschalten: %2</translation>
    </message>
    <message>
        <location filename="../src/gui/SessionDisplay.cpp" line="58" />
        <source>The race could not start: %1</source>
        <translation>Das Rennen konnte nicht starten: %1</translation>
    </message>
</context>
<context>
    <name>pitwall::SetupWizard</name>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="38" />
        <source>Skip this page</source>
        <translation>Seite überspringen</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="87" />
        <source>testing…</source>
        <translation>wird getestet…</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="93" />
        <source>The demo's config.yaml or a librdkafka properties file</source>
        <translation>Die config.yaml der Demo oder eine librdkafka-Properties-Datei</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="94" />
        <source>Demo settings (*.yaml *.yml *.properties *.conf);;All files (*)</source>
        <translation>Demo-Einstellungen (*.yaml *.yml *.properties *.conf);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="99" />
        <source>librdkafka properties file</source>
        <translation>librdkafka-Properties-Datei</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="259" />
        <source>Enter the connection URI first.</source>
        <translation>Geben Sie zuerst die Verbindungs-URI ein.</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="266" />
        <source>Creating the index %1…</source>
        <translation>Index %1 wird angelegt…</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="266" />
        <source>Asking Atlas…</source>
        <translation>Atlas wird gefragt…</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="291" />
        <source>vectorSearch on %1, %2 dimensions, %3, filter %4</source>
        <translation>vectorSearch auf %1, %2 Dimensionen, %3, Filter %4</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="296" />
        <source>The index %1 is there, but %2.</source>
        <translation>Der Index %1 ist vorhanden, aber %2.</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="302" />
        <source>There is no index %1 on %2.%3 yet: Create index makes it (%4).</source>
        <translation>Es gibt noch keinen Index %1 auf %2.%3: Index anlegen erstellt ihn (%4).</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="309" />
        <location filename="../src/gui/SetupWizard.cpp" line="323" />
        <source>The index %1 is ready and queryable (%2).</source>
        <translation>Der Index %1 ist bereit und abfragbar (%2).</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="339" />
        <source>Atlas is building the index: %1…</source>
        <translation>Atlas baut den Index: %1…</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="373" />
        <source>Testing…</source>
        <translation>Wird getestet…</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="403" />
        <source>Imported: %1.</source>
        <translation>Importiert: %1.</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="468" />
        <source>Ready: %1, %2, %3 and three new API keys (they can take a minute or two to work).</source>
        <translation>Bereit: %1, %2, %3 und drei neue API-Schlüssel (sie können ein, zwei Minuten brauchen, bis sie gelten).</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="491" />
        <source>Remove from Confluent Cloud</source>
        <translation>Aus Confluent Cloud entfernen</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="492" />
        <source>Delete the API keys Pit Wall created and whichever of environment %1, cluster %2, pool %3 and service account %4 it created? Their data is lost.</source>
        <translation>Die von Pit Wall erstellten API-Schlüssel und, soweit von Pit Wall erstellt, Umgebung %1, Cluster %2, Pool %3 und Dienstkonto %4 löschen? Ihre Daten gehen verloren.</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="509" />
        <source>Removed what Pit Wall had created.</source>
        <translation>Von Pit Wall Erstelltes wurde entfernt.</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="522" />
        <source>Secrets go to the system keychain.</source>
        <translation>Secrets kommen in den Schlüsselbund des Systems.</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="523" />
        <source>No keychain service answered (%1). Choose where the secrets go:</source>
        <translation>Kein Schlüsselbund-Dienst hat geantwortet (%1). Wählen Sie, wohin die Secrets kommen:</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="526" />
        <source>Secrets go to %1 (readable by you only), as chosen before.</source>
        <translation>Secrets kommen wie zuvor gewählt nach %1 (nur für Sie lesbar).</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="527" />
        <source>Secrets are kept for this session only, as chosen before.</source>
        <translation>Secrets gelten wie zuvor gewählt nur für diese Sitzung.</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="538" />
        <source>&lt;p&gt;skipped: the local default is used&lt;/p&gt;</source>
        <translation>&lt;p&gt;übersprungen: der lokale Standard gilt&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="541" />
        <source>Kafka</source>
        <translation>Kafka</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="542" />
        <source>Bootstrap</source>
        <translation>Bootstrap</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="542" />
        <location filename="../src/gui/SetupWizard.cpp" line="545" />
        <location filename="../src/gui/SetupWizard.cpp" line="549" />
        <location filename="../src/gui/SetupWizard.cpp" line="555" />
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="543" />
        <location filename="../src/gui/SetupWizard.cpp" line="546" />
        <location filename="../src/gui/SetupWizard.cpp" line="550" />
        <source>API secret</source>
        <translation>API-Secret</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="544" />
        <source>Properties file</source>
        <translation>Properties-Datei</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="545" />
        <source>Schema Registry</source>
        <translation>Schema Registry</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="545" />
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="547" />
        <source>Flink</source>
        <translation>Flink</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="547" />
        <source>Endpoint</source>
        <translation>Endpunkt</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="548" />
        <source>Organization</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="548" />
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="549" />
        <source>Compute pool</source>
        <translation>Compute-Pool</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="551" />
        <source>Amazon Bedrock</source>
        <translation>Amazon Bedrock</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="551" />
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="551" />
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="552" />
        <source>Access key ID</source>
        <translation>Zugriffsschlüssel-ID</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="553" />
        <source>Secret access key</source>
        <translation>Geheimer Zugriffsschlüssel</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="554" />
        <source>Session token</source>
        <translation>Session-Token</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="555" />
        <source>OpenAI</source>
        <translation>OpenAI</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="555" />
        <source>Base URL</source>
        <translation>Basis-URL</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="556" />
        <source>Chat model</source>
        <translation>Chat-Modell</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="556" />
        <source>Embedding model</source>
        <translation>Embedding-Modell</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="557" />
        <source>MongoDB Atlas</source>
        <translation>MongoDB Atlas</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="557" />
        <source>URI</source>
        <translation>URI</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="558" />
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="558" />
        <source>Collection</source>
        <translation>Collection</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="559" />
        <source>Index</source>
        <translation>Index</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="575" />
        <location filename="../src/gui/SetupWizard.cpp" line="580" />
        <source>Setup</source>
        <translation>Einrichtung</translation>
    </message>
</context>
<context>
    <name>pitwall::StartPage</name>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="83" />
        <source>&lt;h2&gt;Pit Wall&lt;/h2&gt;A live race on this machine: leaderboard, track map and telemetry, AI commentary, anomaly detection and forecasts. Start a short race, replay one, or follow a real one.</source>
        <translation>&lt;h2&gt;Pit Wall&lt;/h2&gt;Ein Live-Rennen auf diesem Rechner: Rangliste, Streckenkarte und Telemetrie, KI-Kommentar, Anomalieerkennung und Prognosen. Starten Sie ein kurzes Rennen, spielen Sie eines erneut ab oder verfolgen Sie ein echtes.</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="113" />
        <source>Start a race</source>
        <translation>Ein Rennen starten</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="121" />
        <source>Circuit</source>
        <translation>Strecke</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="127" />
        <source> laps</source>
        <translation> Runden</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="130" />
        <source>5-lap sprint</source>
        <translation>5-Runden-Sprint</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="130" />
        <source>25 %</source>
        <translation>25 %</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="130" />
        <source>Full distance</source>
        <translation>Volle Distanz</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="140" />
        <source>Race length</source>
        <translation>Renndistanz</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="146" />
        <source>As fast as possible</source>
        <translation>So schnell wie möglich</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="148" />
        <source>Speed</source>
        <translation>Tempo</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="152" />
        <source>Select your racer</source>
        <translation>Wählen Sie Ihren Fahrer</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="153" />
        <source>Make them the hero: starts P5–P10 and fights for the podium</source>
        <translation>Zum Helden machen: startet auf P5–P10 und kämpft um das Podium</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="159" />
        <source>Start race</source>
        <translation>Rennen starten</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="169" />
        <source>About %1 to the chequered flag</source>
        <translation>Etwa %1 bis zur Zielflagge</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="170" />
        <source>As fast as this machine runs it</source>
        <translation>So schnell, wie dieser Rechner es schafft</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="186" />
        <source>Replay a race</source>
        <translation>Ein Rennen wiedergeben</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="191" />
        <source>Open the race library…</source>
        <translation>Rennbibliothek öffnen…</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="198" />
        <source>Real races</source>
        <translation>Echte Rennen</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="200" />
        <source>A Grand Prix from the F1 live-timing archive or OpenF1, or a session folder you have.</source>
        <translation>Ein Grand Prix aus dem F1-Live-Timing-Archiv oder von OpenF1, oder ein Sitzungsordner, den Sie haben.</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="203" />
        <source>Import a real race…</source>
        <translation>Ein echtes Rennen importieren…</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="204" />
        <source>Your own race in the EA SPORTS F1 game: turn UDP Telemetry on in its settings and send it to this computer (port 20777 unless you changed it under Race ▸ F1 game).</source>
        <translation>Ihr eigenes Rennen im EA SPORTS F1-Spiel: schalten Sie in seinen Einstellungen die UDP-Telemetrie ein und senden Sie sie an diesen Computer (Port 20777, sofern Sie ihn nicht unter Rennen ▸ F1-Spiel geändert haben).</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="209" />
        <source>Follow the F1 game</source>
        <translation>Dem F1-Spiel folgen</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="217" />
        <source>Setup</source>
        <translation>Einrichtung</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="224" />
        <source>Open the setup wizard…</source>
        <translation>Einrichtungsassistenten öffnen…</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="281" />
        <source>Races you run are kept in the library; the latest appear here.</source>
        <translation>Ihre Rennen werden in der Bibliothek aufbewahrt; die neuesten erscheinen hier.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/StartPage.cpp" line="291" />
        <source>, %n laps</source>
        <translation>
            <numerusform>, %n Runde</numerusform>
            <numerusform>, %n Runden</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="292" />
        <source>▶  %1%2</source>
        <translation>▶  %1%2</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="294" />
        <source>Replay %1 (%2, %3)</source>
        <translation>%1 wiedergeben (%2, %3)</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="306" />
        <source>Everything runs on this machine; nothing is sent anywhere.</source>
        <translation>Alles läuft auf diesem Rechner; nichts wird irgendwohin gesendet.</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="306" />
        <source>Cloud services are set up:</source>
        <translation>Cloud-Dienste sind eingerichtet:</translation>
    </message>
</context>
<context>
    <name>pitwall::StartPageLink</name>
    <message>
        <location filename="../src/gui/StartPageLink.cpp" line="43" />
        <source>Starting the embedded Kafka broker…</source>
        <translation>Starte den eingebauten Kafka-Broker…</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPageLink.cpp" line="47" />
        <source>Start &amp;page</source>
        <translation>Start&amp;seite</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPageLink.cpp" line="74" />
        <source>Kafka is not connected: see File ▸ Kafka connection.</source>
        <translation>Kafka ist nicht verbunden: siehe Datei ▸ Kafka-Verbindung.</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPageLink.cpp" line="75" />
        <source>A race is running: stop it (Race ▸ Stop) to start another.</source>
        <translation>Ein Rennen läuft: beenden Sie es (Rennen ▸ Stopp), um ein weiteres zu starten.</translation>
    </message>
</context>
<context>
    <name>pitwall::TelemetryPanel</name>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="76" />
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="76" />
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="82" />
        <source>Speed</source>
        <translation>Tempo</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="82" />
        <source>km/h</source>
        <translation>km/h</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="83" />
        <location filename="../src/gui/TelemetryPanel.cpp" line="102" />
        <source>Followed</source>
        <translation>Verfolgt</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="84" />
        <location filename="../src/gui/TelemetryPanel.cpp" line="103" />
        <source>Rival</source>
        <translation>Rivale</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="85" />
        <location filename="../src/gui/TelemetryPanel.cpp" line="178" />
        <source>Throttle, brake and gear</source>
        <translation>Gas, Bremse und Gang</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="85" />
        <source>% / gear×12.5</source>
        <translation>% / Gang×12,5</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="86" />
        <source>Throttle</source>
        <translation>Gas</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="87" />
        <source>Brake</source>
        <translation>Bremse</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="88" />
        <source>Gear</source>
        <translation>Gang</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="89" />
        <source>Rival gear</source>
        <translation>Gang des Rivalen</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="90" />
        <location filename="../src/gui/TelemetryPanel.cpp" line="180" />
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="90" />
        <source>°C</source>
        <translation>°C</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="97" />
        <source>Forecast band</source>
        <translation>Prognoseband</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="101" />
        <source>Forecast</source>
        <translation>Prognose</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="105" />
        <source>Anomalies</source>
        <translation>Anomalien</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="151" />
        <source>race time (s)</source>
        <translation>Rennzeit (s)</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="178" />
        <source>Throttle, brake and gear — not in this race's source</source>
        <translation>Gas, Bremse und Gang — nicht in der Quelle dieses Rennens</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="179" />
        <source>Temperature — not in this race's source (real timing carries none)</source>
        <translation>Temperatur — nicht in der Quelle dieses Rennens (echtes Timing hat keine)</translation>
    </message>
</context>
<context>
    <name>pitwall::TrackMapWidget</name>
    <message>
        <location filename="../src/gui/TrackMapWidget.cpp" line="45" />
        <source>No map: this race's source has no car positions.</source>
        <translation>Keine Karte: die Quelle dieses Rennens hat keine Fahrzeugpositionen.</translation>
    </message>
    <message>
        <location filename="../src/gui/TrackMapWidget.cpp" line="57" />
        <source>The map appears once the followed car has driven a lap.</source>
        <translation>Die Karte erscheint, sobald das verfolgte Auto eine Runde gefahren ist.</translation>
    </message>
    <message>
        <location filename="../src/gui/TrackMapWidget.cpp" line="107" />
        <source>The track map appears when a race starts.</source>
        <translation>Die Streckenkarte erscheint, sobald ein Rennen startet.</translation>
    </message>
</context>
<context>
    <name>pitwall::WindowDialogs</name>
    <message>
        <location filename="../src/gui/WindowDialogs.cpp" line="25" />
        <source>About Pit Wall</source>
        <translation>Über Pit Wall</translation>
    </message>
    <message>
        <location filename="../src/gui/WindowDialogs.cpp" line="26" />
        <source>&lt;b&gt;Pit Wall %1&lt;/b&gt;&lt;p&gt;Follow a Formula 1 race live: leaderboard, telemetry and a streaming-AI pit wall, on an embedded Kafka broker or your own cluster.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Pit Wall %1&lt;/b&gt;&lt;p&gt;Ein Formel-1-Rennen live verfolgen: Rangliste, Telemetrie und eine Streaming-KI-Boxenmauer, auf einem eingebauten Kafka-Broker oder dem eigenen Cluster.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../src/gui/WindowDialogs.cpp" line="56" />
        <source>Some saved secrets could not be read: %1</source>
        <translation>Einige gespeicherte Secrets konnten nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>pitwall::cloud::CloudPipeline</name>
    <message>
        <location filename="../src/cloud/CloudPipeline.cpp" line="33" />
        <source>another Confluent Cloud action is still running</source>
        <translation>eine andere Confluent-Cloud-Aktion läuft noch</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudPipeline.cpp" line="101" />
        <source>Schema Registry, subject %1: %2</source>
        <translation>Schema Registry, Subject %1: %2</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudPipeline.cpp" line="104" />
        <source>schema id %1</source>
        <translation>Schema-ID %1</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudPipeline.cpp" line="111" />
        <source>connection to %1</source>
        <translation>Verbindung zu %1</translation>
    </message>
</context>
<context>
    <name>pitwall::cloud::CloudProvisioner</name>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="87" />
        <source>Provisioning needs a Cloud resource-management API key and secret.</source>
        <translation>Zum Anlegen braucht es einen Cloud-API-Schlüssel für die Ressourcenverwaltung und sein Secret.</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="99" />
        <location filename="../src/cloud/CloudProvisioner.cpp" line="353" />
        <source>Cannot reach Confluent Cloud: %1</source>
        <translation>Confluent Cloud ist nicht erreichbar: %1</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="129" />
        <source>'%1' was neither found nor created</source>
        <translation>'%1' wurde weder gefunden noch angelegt</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="147" />
        <source>%1 failed to provision</source>
        <translation>%1 konnte nicht bereitgestellt werden</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="151" />
        <source>%1 was still %2 after %3 min</source>
        <translation>%1 war nach %3 min immer noch %2</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="154" />
        <source>Waiting</source>
        <translation>Warten</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="154" />
        <source>%1 is %2</source>
        <translation>%1 ist %2</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="168" />
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="203" />
        <source>Kafka cluster</source>
        <translation>Kafka-Cluster</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="221" />
        <source>Flink compute pool</source>
        <translation>Flink-Compute-Pool</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="234" />
        <source>Service account</source>
        <translation>Service-Account</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="247" />
        <source>Role bindings</source>
        <translation>Rollenzuweisungen</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="247" />
        <source>EnvironmentAdmin, CloudClusterAdmin</source>
        <translation>EnvironmentAdmin, CloudClusterAdmin</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="272" />
        <source>The environment has no Schema Registry (enable Stream Governance for it).</source>
        <translation>Die Umgebung hat keine Schema Registry (aktivieren Sie Stream Governance dafür).</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="281" />
        <source>API keys</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="281" />
        <source>Kafka, Schema Registry, Flink</source>
        <translation>Kafka, Schema Registry, Flink</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="292" />
        <source>Confluent Cloud made an API key without returning its secret</source>
        <translation>Confluent Cloud hat einen API-Schlüssel ohne sein Secret angelegt</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="317" />
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="317" />
        <source>new keys can take a minute or two to work</source>
        <translation>neue Schlüssel können ein, zwei Minuten brauchen, bis sie gelten</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="347" />
        <source>Deleting</source>
        <translation>Löschen</translation>
    </message>
</context>
<context>
    <name>pitwall::cloud::FlinkDeployer</name>
    <message>
        <location filename="../src/cloud/FlinkDeployer.cpp" line="77" />
        <source>replacing the deployed version</source>
        <translation>ersetze die bereitgestellte Version</translation>
    </message>
    <message>
        <location filename="../src/cloud/FlinkDeployer.cpp" line="100" />
        <source>statement %1 was still being deleted after %2 s</source>
        <translation>Anweisung %1 wurde nach %2 s noch gelöscht</translation>
    </message>
    <message>
        <location filename="../src/cloud/FlinkDeployer.cpp" line="128" />
        <source>statement %1 disappeared before it ran (it may have failed at once: see its exceptions in the Confluent Cloud console)</source>
        <translation>Anweisung %1 verschwand, bevor sie lief (sie ist vielleicht sofort fehlgeschlagen: siehe ihre Ausnahmen in der Confluent-Cloud-Konsole)</translation>
    </message>
    <message>
        <location filename="../src/cloud/FlinkDeployer.cpp" line="135" />
        <source>statement %1 is %2: %3</source>
        <translation>Anweisung %1 ist %2: %3</translation>
    </message>
    <message>
        <location filename="../src/cloud/FlinkDeployer.cpp" line="135" />
        <source>no detail given</source>
        <translation>keine Einzelheiten angegeben</translation>
    </message>
    <message>
        <location filename="../src/cloud/FlinkDeployer.cpp" line="144" />
        <source>statement %1 was still %2 after %3 s</source>
        <translation>Anweisung %1 war nach %3 s noch %2</translation>
    </message>
</context>
<context>
    <name>pitwall::setup::ConnectionChecks</name>
    <message>
        <location filename="../src/setup/ConnectionChecks.cpp" line="24" />
        <source>Kafka</source>
        <translation>Kafka</translation>
    </message>
    <message>
        <location filename="../src/setup/ConnectionChecks.cpp" line="25" />
        <source>Schema Registry</source>
        <translation>Schema Registry</translation>
    </message>
    <message>
        <location filename="../src/setup/ConnectionChecks.cpp" line="26" />
        <source>Confluent Cloud Flink</source>
        <translation>Confluent Cloud Flink</translation>
    </message>
    <message>
        <location filename="../src/setup/ConnectionChecks.cpp" line="27" />
        <source>Amazon Bedrock</source>
        <translation>Amazon Bedrock</translation>
    </message>
    <message>
        <location filename="../src/setup/ConnectionChecks.cpp" line="28" />
        <location filename="../src/setup/ConnectionChecks.cpp" line="155" />
        <source>OpenAI</source>
        <translation>OpenAI</translation>
    </message>
    <message>
        <location filename="../src/setup/ConnectionChecks.cpp" line="29" />
        <source>MongoDB Atlas</source>
        <translation>MongoDB Atlas</translation>
    </message>
    <message>
        <location filename="../src/setup/ConnectionChecks.cpp" line="78" />
        <source>skipped (nothing entered): the local default is used</source>
        <translation>übersprungen (nichts eingetragen): der lokale Standard gilt</translation>
    </message>
    <message>
        <location filename="../src/setup/ConnectionChecks.cpp" line="85" />
        <source>no Kafka cluster given</source>
        <translation>kein Kafka-Cluster angegeben</translation>
    </message>
    <message>
        <location filename="../src/setup/ConnectionChecks.cpp" line="94" />
        <source>connected: %1</source>
        <translation>connected: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/setup/ConnectionChecks.cpp" line="105" />
        <source>connected: %n subject(s)</source>
        <translation>
            <numerusform>verbunden: %n Subject</numerusform>
            <numerusform>verbunden: %n Subjects</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/setup/ConnectionChecks.cpp" line="119" />
        <source>connected: the statements API answered</source>
        <translation>verbunden: die Statements-API hat geantwortet</translation>
    </message>
    <message>
        <location filename="../src/setup/ConnectionChecks.cpp" line="137" />
        <source>the model answered (%1 tokens in, %2 out)</source>
        <translation>das Modell hat geantwortet (%1 Tokens hinein, %2 heraus)</translation>
    </message>
    <message>
        <location filename="../src/setup/ConnectionChecks.cpp" line="162" />
        <source>connected, but the server has no model '%1'</source>
        <translation>verbunden, aber der Server hat kein Modell '%1'</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/setup/ConnectionChecks.cpp" line="164" />
        <source>connected: %n model(s) available</source>
        <translation>
            <numerusform>verbunden: %n Modell verfügbar</numerusform>
            <numerusform>verbunden: %n Modelle verfügbar</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/setup/ConnectionChecks.cpp" line="179" />
        <source>connected: the cluster answered a ping</source>
        <translation>verbunden: der Cluster hat auf einen Ping geantwortet</translation>
    </message>
</context>
</TS>